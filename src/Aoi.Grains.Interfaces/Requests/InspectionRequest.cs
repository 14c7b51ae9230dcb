namespace Aoi.Grains.Interfaces;

/// <summary>
/// One inspection: a single picture (spec 6.4) or one picture per capture group (6.5), never both.
/// <see cref="ReceivedAt"/> starts the processing_time clock.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectionRequest")]
public sealed record InspectionRequest(
    [property: Id(0)] ImageInput? Image,
    [property: Id(1)] CaptureGroupInput[]? Groups,
    [property: Id(2)] DeviceBarcodeInput Barcodes,
    [property: Id(3)] DateTimeOffset ReceivedAt)
{
    public bool IsGrouped => Groups is not null;

    /// <summary>The pictures the request names (the single one, or each group's that resolved).</summary>
    public ImageInput[] Frames => Image is { } single ? [single] : (Groups ?? []).Where(g => g.Image is not null).Select(g => g.Image!).ToArray();

    public static InspectionRequest Single(ImageInput image, DeviceBarcodeInput barcodes, DateTimeOffset receivedAt) =>
        new(image, null, barcodes, receivedAt);

    public static InspectionRequest Grouped(CaptureGroupInput[] groups, DeviceBarcodeInput barcodes, DateTimeOffset receivedAt) =>
        new(null, groups, barcodes, receivedAt);
}
