using Aoi.Grains.Engines;
using Aoi.Grains.Imaging;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Tests.Inspection.Support;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Aoi.Tests.Inspection;

public sealed class RoiProcessorTests : IDisposable
{
    private const string ClientPrefix = "/mnt/visual-aoi-shared/sessions/s1/output/";
    private static readonly int[] Red = [255, 0, 0];
    private readonly TempFolder _temp = new();
    private readonly ScriptedColourEvaluator _colour = new();

    private string Output => Path.Combine(_temp.Path, "output");

    public void Dispose()
    {
        _colour.Dispose();
        _temp.Dispose();
    }

    private static RoiProcessor Processor(params IRoiEvaluator[] evaluators)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new AoiOptions { RoiTimeoutSeconds = 1 });
        return new RoiProcessor(evaluators, new RoiOutputWriter(options), options, NullLogger<RoiProcessor>.Instance);
    }

    private RoiWorkItem Item(RoiDefinition roi, Mat frame, string? outputFolder = null)
    {
        var cut = RoiCropper.Cut(frame, roi.Coords);
        return new RoiWorkItem("P1", "/products/P1", roi, cut.Crop, cut.Warning, outputFolder ?? Output, ClientPrefix,
            null, null, cut.Error);
    }

    [Fact]
    public async Task RoiPartlyOutsideTheFrameIsProcessedOnTheClippedCropWithAWarning()
    {
        // Case 14: only the 16 columns x 50 rows inside the frame are red.
        using var frame = TestImages.Frame(7716, 5360, TestImages.Rgb(0, 0, 255), (new RoiRect(7700, 10, 7716, 60), TestImages.Rgb(255, 0, 0)));
        var roi = TestRois.Make(7, 7700, 10, 7800, 60, expectedColor: Red, device: 2);

        var result = await Processor(_colour).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Error);
        Assert.Equal("ROI clipped to [7700, 10, 7716, 60] (image 7716x5360)", result.Warning);
        Assert.Equal(new RoiRect(7700, 10, 7800, 60), result.Coordinates);
        Assert.Equal(2, result.DeviceId);
        Assert.Equal(ClientPrefix + "roi_7.jpg", result.RoiImagePath);
        using var written = Cv2.ImRead(Path.Combine(Output, "roi_7.jpg"));
        Assert.Equal((16, 50), (written.Width, written.Height));
        Assert.Null(result.Error);
        Assert.NotNull(result.Color);
    }

    [Fact]
    public async Task RoiOutsideTheFrameFailsAndItsStaleOutputIsRemoved()
    {
        using var frame = TestImages.Frame(640, 480, TestImages.Rgb(0, 0, 0));
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "roi_3.jpg"), "stale");
        File.WriteAllText(Path.Combine(Output, "golden_3.jpg"), "stale");
        var roi = TestRois.Make(3, 800, 10, 900, 60, expectedColor: Red);

        var result = await Processor(_colour).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal("ROI [800, 10, 900, 60] is outside the image (640x480)", result.Error);
        Assert.Null(result.RoiImagePath);
        Assert.Null(result.Color);
        Assert.Equal("color", result.RoiTypeName);
        Assert.False(File.Exists(Path.Combine(Output, "roi_3.jpg")));
        Assert.False(File.Exists(Path.Combine(Output, "golden_3.jpg")));
    }

    [Fact]
    public async Task InvalidRoiConfigurationFailsWithoutRunningTheEngine()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(255, 0, 0));
        var roi = TestRois.Make(4, 0, 0, 10, 10, expectedColor: Red, script: "throw",
            configError: "rotation must be one of 0, 90, 180, 270");

        var result = await Processor(_colour).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal("invalid ROI configuration: rotation must be one of 0, 90, 180, 270", result.Error);
        Assert.Null(result.Color);
    }

    [Fact]
    public async Task ThrowingOrOverBudgetEngineFailsOnlyItsOwnRoi()
    {
        using var frame = TestImages.Frame(300, 100, TestImages.Rgb(255, 0, 0));
        var processor = Processor(_colour);
        var good = TestRois.Make(1, 0, 0, 100, 100, expectedColor: Red);
        var throwing = TestRois.Make(2, 100, 0, 200, 100, expectedColor: Red, script: "throw");
        var hanging = TestRois.Make(3, 200, 0, 300, 100, expectedColor: Red, script: "slow");

        var results = await Task.WhenAll(
            processor.ProcessAsync(Item(hanging, frame), TestContext.Current.CancellationToken),
            processor.ProcessAsync(Item(throwing, frame), TestContext.Current.CancellationToken),
            processor.ProcessAsync(Item(good, frame), TestContext.Current.CancellationToken));

        Assert.Equal("color processing failed: timed out after 1 s", results[0].Error);
        Assert.False(results[0].Passed);
        Assert.Equal("color processing failed: engine exploded", results[1].Error);
        Assert.False(results[1].Passed);
        Assert.True(results[2].Passed, results[2].Error);
        Assert.Null(results[2].Error);

        // The crop of a failed ROI is still the raw picture the operator needs to see.
        Assert.Equal(ClientPrefix + "roi_2.jpg", results[1].RoiImagePath);
    }

    [Fact]
    public async Task AnEngineThatStopsLateIsAnsweredOnlyOnceItStopped()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(255, 0, 0));
        var late = TestRois.Make(1, 0, 0, 100, 100, expectedColor: Red, script: "late");

        var result = await Processor(_colour).ProcessAsync(Item(late, frame), TestContext.Current.CancellationToken);

        Assert.Equal("color processing failed: timed out after 1 s", result.Error);
        Assert.True(_colour.LateCancelled.IsCompleted);
        Assert.Equal(0, _colour.Probe.Current); // not answered while the engine was still computing
    }

    [Fact]
    public async Task OutputWriteFailureGivesAWarningAndKeepsTheVerdict()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(255, 0, 0));
        var notAFolder = Path.Combine(_temp.Path, "occupied");
        File.WriteAllText(notAFolder, "a file where the output folder should be");
        var roi = TestRois.Make(5, 10, 10, 50, 50, expectedColor: Red);

        var result = await Processor(_colour).ProcessAsync(Item(roi, frame, notAFolder), TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Null(result.Error);
        Assert.Null(result.RoiImagePath);
        Assert.StartsWith("output image not written: ", result.Warning);
    }

    [Fact]
    public async Task WrongColourFailsWithoutError()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(0, 255, 0));
        var result = await Processor(_colour).ProcessAsync(Item(TestRois.Make(6, 0, 0, 50, 50, expectedColor: Red), frame), TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal("No Match", result.Color!.DetectedColor);
    }

    [Fact]
    public async Task GoldenUsedIsWrittenAndAStaleGoldenIsRemovedWhenNoneIsUsed()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(10, 20, 30));
        var roi = TestRois.Make(8, 0, 0, 40, 30, type: RoiDefinition.Compare);
        var withGolden = await Processor(new GoldenReturningCompare(withGolden: true)).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);

        Assert.Equal(ClientPrefix + "golden_8.jpg", withGolden.GoldenImagePath);
        using (var golden = Cv2.ImRead(Path.Combine(Output, "golden_8.jpg")))
        {
            Assert.Equal((40, 30), (golden.Width, golden.Height));
        }

        var without = await Processor(new GoldenReturningCompare(withGolden: false)).ProcessAsync(Item(roi, frame), TestContext.Current.CancellationToken);
        Assert.Null(without.GoldenImagePath);
        Assert.False(File.Exists(Path.Combine(Output, "golden_8.jpg")));
        Assert.Equal(0.5, without.Compare!.AiSimilarity);
    }

    [Fact]
    public async Task RoiTypeWithoutEngineFails()
    {
        using var frame = TestImages.Frame(100, 100, TestImages.Rgb(10, 20, 30));
        var result = await Processor(_colour).ProcessAsync(Item(TestRois.Make(9, 0, 0, 10, 10, type: RoiDefinition.Barcode), frame), TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.StartsWith("barcode unavailable", result.Error);
    }

    private sealed class GoldenReturningCompare(bool withGolden) : IRoiEvaluator
    {
        public int RoiType => RoiDefinition.Compare;

        public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new RoiEvaluation(false, Compare: new CompareOutcome("Different", 0.5, 0.9),
                GoldenUsed: withGolden ? context.Crop.Clone() : null));
    }
}
