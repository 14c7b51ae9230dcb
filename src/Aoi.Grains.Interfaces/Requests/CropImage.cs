namespace Aoi.Grains.Interfaces;

/// <summary>
/// A ROI crop as packed 8-bit BGR pixels (row-major, no padding). Only the crop travels to a ROI worker, never the
/// frame; marked immutable so Orleans passes it by reference inside a silo instead of deep-copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.CropImage")]
public sealed record CropImage(
    [property: Id(0)] int Width,
    [property: Id(1)] int Height,
    [property: Id(2)] byte[] Bgr);
