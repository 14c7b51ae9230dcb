namespace Aoi.Grains.Interfaces;

/// <summary>One colour range of ranges mode (spec 2.1/3.5); bounds inclusive, HSV in OpenCV 8-bit scale.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ColorRange")]
public sealed record ColorRange(
    [property: Id(0)] string Name,
    [property: Id(1)] double[] Lower,
    [property: Id(2)] double[] Upper,
    [property: Id(3)] string ColorSpace,
    [property: Id(4)] double Threshold);
