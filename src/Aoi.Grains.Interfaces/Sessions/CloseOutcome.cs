namespace Aoi.Grains.Interfaces;

/// <summary>Result of closing a session (spec 7.4): 200, 404 or 409.</summary>
[GenerateSerializer, Immutable, Alias("aoi.CloseOutcome")]
public sealed record CloseOutcome(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] double DurationSeconds,
    [property: Id(3)] int InspectionCount,
    [property: Id(4)] bool DirectoryCleaned);
