namespace Aoi.Grains.Interfaces;

/// <summary>
/// Everything a ROI worker needs for one ROI: the ROI, its clipped crop (null when empty after clipping), the
/// clipping warning, where to write output crops and how to name them for the client (spec 3.1, 5.6). A dry run (a
/// start-up rehearsal of the inspection path) is judged like any ROI but changes nothing: no golden is promoted.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RoiWorkItem")]
public sealed record RoiWorkItem(
    [property: Id(0)] string ProductName,
    [property: Id(1)] string ProductFolder,
    [property: Id(2)] RoiDefinition Roi,
    [property: Id(3)] CropImage? Crop,
    [property: Id(4)] string? ClipWarning,
    [property: Id(5)] string OutputFolder,
    [property: Id(6)] string OutputClientPrefix,
    [property: Id(7)] ColorRange[]? ProductColorRanges,
    [property: Id(8)] string? Group,
    [property: Id(9)] string? ImageError,
    [property: Id(10)] bool DryRun = false);
