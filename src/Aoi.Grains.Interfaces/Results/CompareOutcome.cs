namespace Aoi.Contracts;

/// <summary>
/// Compare keys of a ROI result (spec 3.3). <see cref="Defect"/> names why a failed compare ROI failed (missing,
/// displaced, rotated, wrong_part, foreign_object, different) when the compare engine can tell; null = not known.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareOutcome")]
public sealed record CompareOutcome(
    [property: Id(0)] string MatchResult,
    [property: Id(1)] double AiSimilarity,
    [property: Id(2)] double Threshold,
    [property: Id(3)] string? Defect = null);
