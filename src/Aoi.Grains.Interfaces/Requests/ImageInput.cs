namespace Aoi.Grains.Interfaces;

/// <summary>
/// A picture to inspect, already resolved by the front end to a server path inside the shared root (uploads and
/// base64 are written to the session's input folder first). <see cref="DisplayPath"/> is the path as the client gave
/// it, used in error texts (spec 5.5).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.ImageInput")]
public sealed record ImageInput(
    [property: Id(0)] string ServerPath,
    [property: Id(1)] string DisplayPath);
