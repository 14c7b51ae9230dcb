namespace Aoi.Grains.Interfaces;

/// <summary>
/// One ROI's result (spec 6.1). Exactly one of the type outcomes is set for a known type; when a ROI failed before
/// producing it, the wire mapping emits the neutral values of 6.1.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RoiResult")]
public sealed record RoiResult(
    [property: Id(0)] int RoiId,
    [property: Id(1)] int RoiType,
    [property: Id(2)] string RoiTypeName,
    [property: Id(3)] int DeviceId,
    [property: Id(4)] RoiRect Coordinates,
    [property: Id(5)] bool Passed,
    [property: Id(6)] double ProcessingTimeMs,
    [property: Id(7)] string? RoiImagePath,
    [property: Id(8)] string? GoldenImagePath,
    [property: Id(9)] string? Error,
    [property: Id(10)] string? Warning,
    [property: Id(11)] string? Detail,
    [property: Id(12)] string? Group,
    [property: Id(13)] BarcodeOutcome? Barcode,
    [property: Id(14)] CompareOutcome? Compare,
    [property: Id(15)] OcrOutcome? Ocr,
    [property: Id(16)] ColorOutcome? Color,
    [property: Id(17)] double? ColorThreshold)
{
    /// <summary>A failed ROI that produced nothing but an error (configuration, image, timeout, not captured…).</summary>
    public static RoiResult Failed(RoiDefinition roi, string error, string? group = null, double ms = 0) =>
        new(roi.Idx, roi.Type, roi.TypeName, roi.DeviceLocation, roi.Coords, false, ms, null, null, error, null, null,
            group, null, null, null, null, null);
}
