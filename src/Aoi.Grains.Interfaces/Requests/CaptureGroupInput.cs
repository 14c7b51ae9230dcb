namespace Aoi.Grains.Interfaces;

/// <summary>
/// One entry of <c>captured_images</c> (spec 6.5) as checked by the front end: either a resolved image with its
/// focus/exposure, or an <see cref="Error"/> that fails the group's ROIs.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.CaptureGroupInput")]
public sealed record CaptureGroupInput(
    [property: Id(0)] string Key,
    [property: Id(1)] int? Focus,
    [property: Id(2)] int? Exposure,
    [property: Id(3)] ImageInput? Image,
    [property: Id(4)] string? Error);
