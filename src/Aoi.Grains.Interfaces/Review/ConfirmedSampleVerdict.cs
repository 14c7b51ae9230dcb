namespace Aoi.Grains.Interfaces;

/// <summary>
/// A confirmed crop judged against the ROI's current library: would it pass, with which similarity, or why it could
/// not be judged (<see cref="Error"/>; then <see cref="Passed"/> is false).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.ConfirmedSampleVerdict")]
public sealed record ConfirmedSampleVerdict(
    [property: Id(0)] string InspectionId,
    [property: Id(1)] double Similarity,
    [property: Id(2)] bool Passed,
    [property: Id(3)] string? Error);
