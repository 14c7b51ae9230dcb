namespace Aoi.Grains.Interfaces;

/// <summary>Operator-supplied barcodes (spec 6.6): manual per device (P2) and the legacy single string (P3).</summary>
[GenerateSerializer, Immutable, Alias("aoi.DeviceBarcodeInput")]
public sealed record DeviceBarcodeInput(
    [property: Id(0)] Dictionary<int, string> Manual,
    [property: Id(1)] string? Legacy)
{
    public static DeviceBarcodeInput None { get; } = new(new Dictionary<int, string>(), null);
}
