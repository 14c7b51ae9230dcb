namespace Aoi.Grains.Interfaces;

/// <summary>Colour keys of a ROI result, including the nested <c>color_result</c> fields (spec 3.5).</summary>
[GenerateSerializer, Immutable, Alias("aoi.ColorOutcome")]
public sealed record ColorOutcome(
    [property: Id(0)] string DetectedColor,
    [property: Id(1)] double MatchPercentage,
    [property: Id(2)] int[] DominantColor,
    [property: Id(3)] double Threshold,
    [property: Id(4)] bool Matched,
    [property: Id(5)] string? MatchedColor,
    [property: Id(6)] string ColorHex,
    [property: Id(7)] long PixelCount);
