using System.Diagnostics;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>
/// The real engine reads rendered labels. Assertions compare upper case letters without spaces (spaces between
/// words are unreliable, letters are not). Out of scope, measured: Hershey Plain 0.5 (about 6 px capitals: missed
/// or misread) and serif Hershey Complex 0.6 thin (about 12 px: "v0.1.7" read "vO.1.7" on a light background).
/// Each test writes the det+rec time of its ROI to the test output (measured, never asserted).
/// </summary>
public sealed class PaddleOcrEngineTests(ITestOutputHelper output)
{
    public static TheoryData<string, HersheyFonts, double, int, bool> Labels()
    {
        var data = new TheoryData<string, HersheyFonts, double, int, bool>();
        var sizes = new[]
        {
            (HersheyFonts.HersheySimplex, 0.5, 1), (HersheyFonts.HersheySimplex, 1.0, 2), (HersheyFonts.HersheyDuplex, 2.0, 3),
            (HersheyFonts.HersheyComplex, 0.8, 1), (HersheyFonts.HersheyComplex, 2.0, 3), (HersheyFonts.HersheyTriplex, 1.0, 2),
            (HersheyFonts.HersheyPlain, 1.2, 1), (HersheyFonts.HersheyPlain, 2.0, 2),
        };
        foreach (var text in new[] { "PCB-V1.2", "SN 20003548", "HELLO WORLD", "FW v0.1.7" })
        {
            foreach (var (font, scale, thickness) in sizes)
            {
                data.Add(text, font, scale, thickness, false);
                data.Add(text, font, scale, thickness, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task ReadsRenderedLabels(string text, HersheyFonts font, double scale, int thickness, bool darkBackground)
    {
        using var rendered = darkBackground
            ? LabelRenderer.Label(text, font, scale, thickness, LabelRenderer.Light, LabelRenderer.Dark)
            : LabelRenderer.Label(text, font, scale, thickness, LabelRenderer.Dark, LabelRenderer.Light);
        using var label = RealOcr.AsCameraJpeg(rendered);

        var result = await Timed(() => OcrRois.Evaluate(RealOcr.Provider, label, expectedText: null), label);

        Assert.True(result.Passed, result.Ocr!.Text);
        Assert.Equal(RealOcr.Letters(text), RealOcr.Letters(result.Ocr.RawText));
        Assert.InRange(result.Ocr.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData(102, 442, "SN 20007325", HersheyFonts.HersheySimplex)] // product 20007325, ROI 18: 102x442, rotation 270
    [InlineData(102, 442, "PCB-V1.2", HersheyFonts.HersheyTriplex)]
    [InlineData(747, 434, "FW v0.1.8", HersheyFonts.HersheyDuplex)] // product knx-2272, ROI 1: 747x434, rotation 270
    [InlineData(747, 434, "v0.1.8", HersheyFonts.HersheyComplex)]
    public async Task ReadsATallStripWrittenBottomToTopWithRotation270(int width, int height, string text, HersheyFonts font)
    {
        using var rendered = LabelRenderer.BottomToTopStrip(text, font, 2, LabelRenderer.Dark, LabelRenderer.Light, width, height);
        using var strip = RealOcr.AsCameraJpeg(rendered);
        Assert.Equal(new Size(width, height), strip.Size());
        var expected = text.Split(' ')[^1];

        var result = await Timed(() => OcrRois.Evaluate(RealOcr.Provider, strip, rotation: 270, expectedText: expected), strip);

        Assert.True(result.Passed, result.Ocr!.Text);
        Assert.Equal(RealOcr.Letters(text), RealOcr.Letters(result.Ocr.RawText));
        Assert.Equal($"{result.Ocr.RawText} [PASS: Contains '{expected}']", result.Ocr.Text);
    }

    [Theory]
    [InlineData("HELLO WORLD", false)]
    [InlineData("SN 20003548", true)]
    [InlineData("PCB-V1.2", false)]
    public async Task ReadsAnUpsideDownLabelThanksToTheDirectionClassifier(string text, bool darkBackground)
    {
        using var upright = darkBackground
            ? LabelRenderer.Label(text, HersheyFonts.HersheyDuplex, 1.5, 2, LabelRenderer.Light, LabelRenderer.Dark)
            : LabelRenderer.Label(text, HersheyFonts.HersheyDuplex, 1.5, 2, LabelRenderer.Dark, LabelRenderer.Light);
        using var rendered = new Mat();
        Cv2.Rotate(upright, rendered, RotateFlags.Rotate180);
        using var label = RealOcr.AsCameraJpeg(rendered);

        var result = await Timed(() => OcrRois.Evaluate(RealOcr.Provider, label, rotation: 0, expectedText: null), label);

        Assert.Equal(RealOcr.Letters(text), RealOcr.Letters(result.Ocr!.RawText));
    }

    [Fact]
    public async Task ReadsTwoLinesTopToBottom()
    {
        using var rendered = new Mat(160, 420, MatType.CV_8UC3, LabelRenderer.Light);
        Cv2.PutText(rendered, "PCB-V1.2", new Point(20, 60), HersheyFonts.HersheyDuplex, 1.4, LabelRenderer.Dark, 2, LineTypes.AntiAlias);
        Cv2.PutText(rendered, "20003548", new Point(20, 130), HersheyFonts.HersheyDuplex, 1.4, LabelRenderer.Dark, 2, LineTypes.AntiAlias);
        using var label = RealOcr.AsCameraJpeg(rendered);

        var result = await Timed(() => OcrRois.Evaluate(RealOcr.Provider, label, expectedText: "pcb-v1.2 20003548"), label);

        Assert.True(result.Passed, result.Ocr!.Text);
        Assert.Equal("PCB-V1.2 20003548", result.Ocr.RawText);
    }

    [Theory]
    [InlineData(400, 100, 235)]
    [InlineData(102, 442, 30)]
    [InlineData(747, 434, 128)]
    public async Task ABlankCropHasNoText(int width, int height, int grey)
    {
        using var blank = new Mat(height, width, MatType.CV_8UC3, Scalar.All(grey));

        var result = await Timed(() => OcrRois.Evaluate(RealOcr.Provider, blank, rotation: 270, expectedText: null), blank);

        Assert.False(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(new OcrOutcome(" [FAIL: No text detected]", "", 0.0), result.Ocr);
    }

    private async Task<T> Timed<T>(Func<Task<T>> evaluate, Mat crop)
    {
        var watch = Stopwatch.StartNew();
        var result = await evaluate();
        output.WriteLine($"OCR {crop.Cols}x{crop.Rows}: {watch.Elapsed.TotalMilliseconds:F1} ms -> {result}");
        return result;
    }
}
