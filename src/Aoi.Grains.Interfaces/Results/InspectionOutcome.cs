namespace Aoi.Grains.Interfaces;

/// <summary>Either a response (status 200) or an HTTP error status with the legacy error text.</summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectionOutcome")]
public sealed record InspectionOutcome(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string[]? ValidationErrors,
    [property: Id(3)] InspectionResponse? Response,
    [property: Id(4)] InspectionTiming? Timing = null)
{
    public static InspectionOutcome Ok(InspectionResponse response) => new(200, null, null, response);
    public static InspectionOutcome Fail(int status, string error, string[]? validationErrors = null) =>
        new(status, error, validationErrors, null);
}
