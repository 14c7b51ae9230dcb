namespace Aoi.Grains.Interfaces;

/// <summary>
/// Scores of the synthetic defects of one kind on a ROI: the highest score, how many passed (escapes) out of how many,
/// and why some or all were not generated (e.g. a 180°-symmetric part is not turned).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.DefectSummary")]
public sealed record DefectSummary(
    [property: Id(0)] string Kind,
    [property: Id(1)] double? Max,
    [property: Id(2)] int Escapes,
    [property: Id(3)] int Count,
    [property: Id(4)] string? Note);
