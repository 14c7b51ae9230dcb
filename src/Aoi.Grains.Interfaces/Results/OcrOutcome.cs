namespace Aoi.Grains.Interfaces;

/// <summary>OCR keys of a ROI result (spec 3.4).</summary>
[GenerateSerializer, Immutable, Alias("aoi.OcrOutcome")]
public sealed record OcrOutcome(
    [property: Id(0)] string Text,
    [property: Id(1)] string RawText,
    [property: Id(2)] double Confidence);
