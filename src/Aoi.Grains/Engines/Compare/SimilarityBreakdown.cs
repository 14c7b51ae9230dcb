namespace Aoi.Grains.Engines.Compare;

/// <summary>The intermediate signals behind one aligned-spatial score, for measurement, tests and documentation.</summary>
/// <param name="Alignment">Offset of the crop's content in the golden found by NCC.</param>
/// <param name="StructureMean">Mean SSIM contrast–structure term over the aligned overlap.</param>
/// <param name="StructureWorstBlock">Lowest block mean of that term on a 4×4 grid (a local defect shows here).</param>
/// <param name="DeepMean">Mean over positions of the best centred stage-3 cosine near the aligned position.</param>
/// <param name="DeepWorstBlock">Lowest 4×4 block mean of those cosines.</param>
/// <param name="Raw">½·DeepMean + ½·(½ + ½·StructureWorstBlock).</param>
/// <param name="Similarity">Raw through <see cref="ScoreCalibration"/>, capped when the part is displaced.</param>
/// <param name="Placement">Where the content sits relative to the golden (<see cref="PlacementCheck"/>).</param>
public sealed record SimilarityBreakdown(
    CropAlignment Alignment,
    double StructureMean,
    double StructureWorstBlock,
    double DeepMean,
    double DeepWorstBlock,
    double Raw,
    double Similarity,
    Placement Placement = default);
