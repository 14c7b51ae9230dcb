namespace Aoi.Grains.Interfaces;

/// <summary>Compare keys of a ROI result (spec 3.3).</summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareOutcome")]
public sealed record CompareOutcome(
    [property: Id(0)] string MatchResult,
    [property: Id(1)] double AiSimilarity,
    [property: Id(2)] double Threshold);
