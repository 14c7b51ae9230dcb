namespace Aoi.Grains.Interfaces;

/// <summary>
/// One ROI after loading with the single default set of spec 2.3. A ROI that breaks a non-fatal rule of 2.4 is still
/// listed, with <see cref="ConfigError"/> set, and is inspected as a failed ROI (spec 2.5).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RoiDefinition")]
public sealed record RoiDefinition(
    [property: Id(0)] int Idx,
    [property: Id(1)] int Type,
    [property: Id(2)] RoiRect Coords,
    [property: Id(3)] int Focus,
    [property: Id(4)] int Exposure,
    [property: Id(5)] double? AiThreshold,
    [property: Id(6)] string? FeatureMethod,
    [property: Id(7)] int Rotation,
    [property: Id(8)] int DeviceLocation,
    [property: Id(9)] string? ExpectedText,
    [property: Id(10)] bool? IsDeviceBarcode,
    [property: Id(11)] string? ExpectedPattern,
    [property: Id(12)] int[]? ExpectedColor,
    [property: Id(13)] int ColorTolerance,
    [property: Id(14)] double MinPixelPercentage,
    [property: Id(15)] ColorRange[]? ColorRanges,
    [property: Id(16)] bool Enabled,
    [property: Id(17)] string? ConfigError)
{
    public const int Barcode = 1, Compare = 2, Ocr = 3, Color = 4;

    /// <summary>Legacy result name of the type: barcode/compare/ocr/color, or unknown for a bad type.</summary>
    public string TypeName => Type switch
    {
        Barcode => "barcode",
        Compare => "compare",
        Ocr => "ocr",
        Color => "color",
        _ => "unknown",
    };

    /// <summary>Capture group key "focus,exposure" (spec 1.2).</summary>
    public string GroupKey => $"{Focus},{Exposure}";
}
