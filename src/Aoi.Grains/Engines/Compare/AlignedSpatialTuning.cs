namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// The knobs of <see cref="AlignedSpatialSimilarity"/> that the accuracy harness chose (docs/compare-method.md); the
/// defaults are the measured choice, other values exist so a measurement can compare them on the same code.
/// </summary>
/// <param name="DeepWeight">Weight of the deep agreement in the raw score; the pixel-structure term gets the rest.</param>
/// <param name="StructureBlurSigma">Gaussian σ (working pixels) applied to both aligned images before the structure
/// term, so a focus difference between captures does not read as a structure change; 0 = none.</param>
/// <param name="LibraryNeighbours">Library score over only the goldens with the best pair scores (a large library
/// that holds a few poor captures then explains less of a defect: a patchwork of many goldens can explain each place of a
/// defect); 0 = all goldens.</param>
/// <param name="LibraryPairFloor">Library score over only the goldens whose own pair score with the crop reaches this
/// (a patchwork of goldens that each look unlike the crop explains nothing); 0 = no floor.</param>
/// <param name="SearchFraction">Appearance alignment range as a fraction of each side.</param>
/// <param name="CalibrateSparseLibraries">Own calibration anchors for libraries of ≤ 2 goldens (<see cref="SparseLibraryCalibration"/>).</param>
/// <param name="CheckPlacement">Cap the similarity of a part <see cref="PlacementCheck"/> finds displaced.</param>
public sealed record AlignedSpatialTuning(
    double DeepWeight = 0.5,
    double StructureBlurSigma = 0.0,
    int LibraryNeighbours = AlignedSpatialTuning.DefaultLibraryNeighbours,
    double LibraryPairFloor = 0.0,
    double SearchFraction = AlignedSpatialSimilarity.SearchFraction,
    bool CheckPlacement = true,
    bool CalibrateSparseLibraries = true)
{
    /// <summary>Measured on 20000803 (libraries of 3–42 goldens): all goldens 6 escapes / 22 of 67 unseen passed, 12 nearest
    /// 4 / 19, 8 nearest 3 / 15, 5 nearest 3 / 12 (docs/compare-method.md); genuine nuisance unchanged.</summary>
    public const int DefaultLibraryNeighbours = 8;

    public static readonly AlignedSpatialTuning Default = new();
}
