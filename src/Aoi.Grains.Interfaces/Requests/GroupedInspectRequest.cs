namespace Aoi.Grains.Interfaces;

/// <summary>Grouped inspection (spec 6.5); groups in submission order.</summary>
[GenerateSerializer, Immutable, Alias("aoi.GroupedInspectRequest")]
public sealed record GroupedInspectRequest(
    [property: Id(0)] CaptureGroupInput[] Groups,
    [property: Id(1)] DeviceBarcodeInput Barcodes,
    [property: Id(2)] DateTimeOffset ReceivedAt);
