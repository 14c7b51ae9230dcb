namespace Aoi.Grains.Interfaces;

/// <summary>
/// The library side of one review verdict (<see cref="IGoldenReviewGrain.ApplyReviewAsync"/>). <see cref="Crop"/> is
/// the reviewed ROI crop as kept by the history (JPEG), null when it is no longer kept; <see cref="Sample"/>
/// describes a confirmed defect for its regression sample.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenReviewChange")]
public sealed record GoldenReviewChange(
    [property: Id(0)] string InspectionId,
    [property: Id(1)] bool IsDefect,
    [property: Id(2)] bool Learn,
    [property: Id(3)] byte[]? Crop,
    [property: Id(4)] RegressionSampleInfo? Sample);
