namespace Aoi.Grains.Interfaces;

/// <summary>Per-device summary (spec 6.2); the ROI lists are derived from the response's results by device id.</summary>
[GenerateSerializer, Immutable, Alias("aoi.DeviceSummary")]
public sealed record DeviceSummary(
    [property: Id(0)] int DeviceId,
    [property: Id(1)] OverallResult Counts,
    [property: Id(2)] string Barcode,
    [property: Id(3)] string BarcodeRaw,
    [property: Id(4)] string BarcodeSource);
