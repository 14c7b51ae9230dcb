namespace Aoi.Grains.Interfaces;

/// <summary>One submitted capture group (spec 6.5): either an error or its counts and time.</summary>
[GenerateSerializer, Immutable, Alias("aoi.GroupResult")]
public sealed record GroupResult(
    [property: Id(0)] string Key,
    [property: Id(1)] int? Focus,
    [property: Id(2)] int? Exposure,
    [property: Id(3)] string? Error,
    [property: Id(4)] string? Warning,
    [property: Id(5)] OverallResult? Overall,
    [property: Id(6)] double ProcessingTime);
