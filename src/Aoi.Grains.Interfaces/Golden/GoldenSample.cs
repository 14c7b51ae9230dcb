namespace Aoi.Grains.Interfaces;

/// <summary>
/// One golden sample file of a ROI folder as listed (spec 7.6): name, size, creation time (UTC) and, when asked
/// for, its bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenSample")]
public sealed record GoldenSample(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsBest,
    [property: Id(2)] long FileSize,
    [property: Id(3)] DateTime CreatedUtc,
    [property: Id(4)] byte[]? ImageData);
