namespace Aoi.Grains.Engines.Compare;

/// <summary>The intermediate signals behind one aligned-spatial score, for measurement and documentation.</summary>
public sealed record SimilarityBreakdown(
    CropAlignment Alignment,
    double StructureMean,
    double StructureWorstBlock,
    double Stage2Mean,
    double Stage2WorstBlock,
    double Stage3Mean,
    double Stage3WorstBlock,
    double Similarity);
