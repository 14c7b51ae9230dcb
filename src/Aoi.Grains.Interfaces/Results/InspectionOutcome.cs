namespace Aoi.Grains.Interfaces;

/// <summary>Either the inspection's response or why it was refused; timing is set for answered inspections.</summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectionOutcome")]
public sealed record InspectionOutcome(
    [property: Id(0)] InspectionResponse? Response,
    [property: Id(1)] Failure? Failure,
    [property: Id(2)] InspectionTiming? Timing = null)
{
    public static InspectionOutcome Answered(InspectionResponse response, InspectionTiming timing) => new(response, null, timing);

    public static InspectionOutcome Refused(FailureKind kind, string error, string[]? validationErrors = null) =>
        new(null, new Failure(kind, error, validationErrors));
}
