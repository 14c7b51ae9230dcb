using Aoi.Grains.Engines.Ocr;
using Aoi.Grains.Imaging;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Tests.Inspection.Support;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Aoi.Tests.Hardening;

/// <summary>
/// An engine that throws, runs out of memory or stack, or runs past the per-ROI budget fails only its own ROI; a
/// missing OCR model fails OCR ROIs with the reason, never passes them. (Missing compare model:
/// Compare.CompareEvaluatorTests; time budget and output write failure also in Inspection.RoiProcessorTests.)
/// </summary>
public sealed class EngineFaultTests : IDisposable
{
    private readonly TempFolder _temp = new("aoi-hardening");
    private readonly FaultyBarcodeEngine _barcode = new();

    public void Dispose()
    {
        _barcode.Dispose();
        _temp.Dispose();
    }

    private static RoiProcessor Processor(int timeoutSeconds, params Aoi.Grains.Engines.IRoiEvaluator[] engines)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new AoiOptions { RoiTimeoutSeconds = timeoutSeconds });
        return new RoiProcessor(engines, new RoiOutputWriter(options), options, NullLogger<RoiProcessor>.Instance);
    }

    private RoiWorkItem Item(RoiDefinition roi, Mat frame)
    {
        var cut = RoiCropper.Cut(frame, roi.Coords);
        return new RoiWorkItem("P1", "/products/P1", roi, cut.Crop, cut.Warning, Path.Combine(_temp.Path, "out"),
            "/mnt/visual-aoi-shared/sessions/s/output/", null, null, cut.Error);
    }

    private static RoiDefinition Barcode(int idx, string script) =>
        TestRois.Make(idx, idx * 20, 0, idx * 20 + 20, 20, type: RoiDefinition.Barcode, script: script);

    [Fact]
    public async Task OutOfMemoryStackExhaustionAndHangFailOnlyTheirOwnRoi()
    {
        using var frame = TestImages.Frame(200, 40, Scalar.All(128));
        var processor = Processor(timeoutSeconds: 2, _barcode);
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(
            processor.ProcessAsync(Item(Barcode(1, "oom"), frame), ct),
            processor.ProcessAsync(Item(Barcode(2, "stack"), frame), ct),
            processor.ProcessAsync(Item(Barcode(3, "hang"), frame), ct),
            processor.ProcessAsync(Item(Barcode(4, "GOOD-4"), frame), ct),
            processor.ProcessAsync(Item(Barcode(5, "GOOD-5"), frame), ct));

        Assert.Equal("barcode processing failed: Insufficient memory to continue the execution of the program.", results[0].Error);
        Assert.StartsWith("barcode processing failed: ", results[1].Error);
        // Past its budget the engine was told to stop; it finished later and passed, which counts for nothing, and the
        // ROI was answered only once the engine had stopped (the worker running it stays taken until then).
        Assert.Equal("barcode processing failed: timed out after 2 s", results[2].Error);
        Assert.False(_barcode.Hanging);
        Assert.All(results[..3], r => Assert.False(r.Passed));
        Assert.All(results[3..], r => Assert.True(r.Passed, r.Error));
        Assert.Equal(["GOOD-4"], results[3].Barcode!.Values);
        Assert.Equal(["GOOD-5"], results[4].Barcode!.Values);
    }

    [Fact]
    public async Task MissingOcrModelFailsOcrRoisWithTheReason()
    {
        var provider = new OcrEngineProvider(() => throw new FileNotFoundException("model file not found: det.onnx"));
        using var frame = TestImages.Frame(100, 40, Scalar.All(255));
        var roi = TestRois.Make(7, 0, 0, 100, 40, type: RoiDefinition.Ocr, script: "SAMPLE");

        var result = await Processor(5, new OcrEvaluator(provider)).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal("OCR engine unavailable: model file not found: det.onnx", result.Error);
        Assert.Equal("", result.Ocr!.RawText);
    }
}
