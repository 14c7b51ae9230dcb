namespace Aoi.Grains.Interfaces;

/// <summary>Result of closing a session (spec 7.4): closed, or refused as not found / busy.</summary>
[GenerateSerializer, Immutable, Alias("aoi.CloseOutcome")]
public sealed record CloseOutcome(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] double DurationSeconds,
    [property: Id(2)] int InspectionCount,
    [property: Id(3)] bool DirectoryCleaned)
{
    public static CloseOutcome Refused(FailureKind kind, string error, int inspectionCount = 0) =>
        new(new Failure(kind, error), 0, inspectionCount, false);
}
