using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Ocr;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Builds OCR ROIs and runs them through <see cref="OcrEvaluator"/> the way the ROI processor does.</summary>
public static class OcrRois
{
    public static RoiDefinition Roi(int rotation = 0, string? expectedText = null) =>
        new(Idx: 1, Type: RoiDefinition.Ocr, Coords: new RoiRect(0, 0, 100, 100), Focus: 305, Exposure: 1200,
            AiThreshold: null, FeatureMethod: null, Rotation: rotation, DeviceLocation: 1, ExpectedText: expectedText,
            IsDeviceBarcode: null, ExpectedPattern: null, ExpectedColor: null, ColorTolerance: 10,
            MinPixelPercentage: 5.0, ColorRanges: null, Enabled: true, ConfigError: null);

    public static Task<RoiEvaluation> Evaluate(IOcrEngine engine, Mat crop, int rotation = 0, string? expectedText = null) =>
        Evaluate(new OcrEngineProvider(() => engine), crop, rotation, expectedText);

    public static Task<RoiEvaluation> Evaluate(OcrEngineProvider engines, Mat crop, int rotation = 0, string? expectedText = null) =>
        new OcrEvaluator(engines).EvaluateAsync(
            new RoiEvaluationContext(crop, Roi(rotation, expectedText), "p", "/tmp/p", null),
            TestContext.Current.CancellationToken);
}
