namespace Aoi.Grains.Interfaces;

/// <summary>Single-image inspection (spec 6.4). <see cref="ReceivedAt"/> starts the processing_time clock.</summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectRequest")]
public sealed record InspectRequest(
    [property: Id(0)] ImageInput Image,
    [property: Id(1)] DeviceBarcodeInput Barcodes,
    [property: Id(2)] DateTimeOffset ReceivedAt);
