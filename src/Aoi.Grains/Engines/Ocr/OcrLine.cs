namespace Aoi.Grains.Engines.Ocr;

/// <summary>One recognised text line with its confidence in 0..1.</summary>
public sealed record OcrLine(string Text, double Confidence);
