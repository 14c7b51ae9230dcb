using Aoi.Grains.Engines.Ocr;
using Aoi.Grains.Engines.Ocr.Paddle;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Spec 3.4 steps 2–5 and conformance case 31, with a stub engine returning the text.</summary>
public sealed class OcrTagTests
{
    [Theory]
    [InlineData("HELLO WORLD", "HELLO", true, "HELLO WORLD [PASS: Contains 'HELLO']")]
    [InlineData("HELLO WORLD", "GOODBYE", false, "HELLO WORLD [FAIL: Expected 'GOODBYE', detected 'HELLO WORLD']")]
    [InlineData("", "HELLO", false, " [FAIL: Expected 'HELLO', detected '']")]
    [InlineData("hello world", "HELLO", true, "hello world [PASS: Contains 'HELLO']")]
    [InlineData("SOME TEXT", null, true, "SOME TEXT [PASS: Text detected]")]
    [InlineData("", null, false, " [FAIL: No text detected]")]
    [InlineData("SOME TEXT", "   ", true, "SOME TEXT [PASS: Text detected]")]
    [InlineData("FW v0.1.8", "  V0.1.8 ", true, "FW v0.1.8 [PASS: Contains 'V0.1.8']")]
    public async Task Case31TagsAndVerdict(string text, string? expected, bool passed, string ocrText)
    {
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        using var engine = StubOcrEngine.Reading(text);

        var result = await OcrRois.Evaluate(engine, crop, expectedText: expected);

        Assert.Equal(passed, result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(ocrText, result.Ocr!.Text);
        Assert.Equal(text, result.Ocr.RawText);
    }

    [Fact]
    public async Task LinesAreJoinedWithSingleSpacesAndConfidenceIsTheirMean()
    {
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        using var engine = new StubOcrEngine(new(" PCB-V1.2 ", 0.9), new("", 0.2), new("SN  2000", 0.7));

        var result = await OcrRois.Evaluate(engine, crop);

        Assert.Equal("PCB-V1.2 SN  2000", result.Ocr!.RawText);
        Assert.Equal("PCB-V1.2 SN  2000 [PASS: Text detected]", result.Ocr.Text);
        Assert.Equal(0.8, result.Ocr.Confidence, 9);
    }

    [Fact]
    public async Task NoTextGivesZeroConfidence()
    {
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        using var engine = new StubOcrEngine();

        var result = await OcrRois.Evaluate(engine, crop);

        Assert.False(result.Passed);
        Assert.Equal(0.0, result.Ocr!.Confidence);
    }

    [Fact]
    public async Task EngineErrorFailsTheRoiWithNeutralKeys()
    {
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        using var engine = new StubOcrEngine(new OcrLine("HELLO", 0.9)) { Failure = new InvalidOperationException("model exploded") };

        var result = await OcrRois.Evaluate(engine, crop, expectedText: "HELLO");

        Assert.False(result.Passed);
        Assert.Equal("OCR failed: model exploded", result.Error);
        Assert.Equal(new OcrOutcome("", "", 0.0), result.Ocr);
    }

    [Fact]
    public async Task UnavailableEngineFailsWithTheLoadReason()
    {
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        var engines = new OcrEngineProvider(() => throw new FileNotFoundException("model file not found: /x/det.onnx"));

        var result = await OcrRois.Evaluate(engines, crop, expectedText: null);

        Assert.False(result.Passed);
        Assert.Equal("OCR engine unavailable: model file not found: /x/det.onnx", result.Error);
        Assert.Equal(new OcrOutcome("", "", 0.0), result.Ocr);
    }

    [Fact]
    public async Task MissingModelFolderMakesTheRealEngineUnavailable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aoi-no-ocr-models-" + Guid.NewGuid().ToString("N"));
        var engines = new OcrEngineProvider(() => PaddleOcrEngine.Load(new PaddleOcrModelFiles(folder)));
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));

        var result = await OcrRois.Evaluate(engines, crop);

        Assert.False(result.Passed);
        Assert.Equal($"OCR engine unavailable: model file not found: {Path.Combine(folder, "ch_PP-OCRv4_det_infer.onnx")}", result.Error);
    }

    [Fact]
    public async Task ReloadPicksUpAnEngineThatBecameAvailable()
    {
        var attempts = 0;
        using var engine = StubOcrEngine.Reading("OK");
        var engines = new OcrEngineProvider(() => ++attempts == 1 ? throw new IOException("not yet") : engine);
        using var crop = new Mat(20, 60, MatType.CV_8UC3, Scalar.All(255));
        Assert.Equal("not yet", engines.UnavailableReason);

        Assert.Null(engines.Reload());
        var result = await OcrRois.Evaluate(engines, crop);

        Assert.True(result.Passed);
        Assert.Equal("OK [PASS: Text detected]", result.Ocr!.Text);
    }
}
