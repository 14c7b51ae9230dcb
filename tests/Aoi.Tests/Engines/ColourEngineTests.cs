using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Colour;
using OpenCvSharp;

namespace Aoi.Tests.Engines;

public sealed class ColourEngineTests
{
    private static readonly ColourEvaluator Evaluator = new(new ColourAnalyzer());

    [Fact]
    public async Task UniformCropInsideTheBoxMatchesFully()
    {
        using var crop = Uniform(40, 30, 250, 10, 10);

        var result = await Evaluate(crop, BoxRoi([255, 0, 0], 10, 5.0));

        Assert.True(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(5.0, result.ColorThreshold);
        var color = result.Color!;
        Assert.Equal("#FF0000", color.DetectedColor);
        Assert.Equal(100.0, color.MatchPercentage);
        Assert.Equal([250, 10, 10], color.DominantColor);
        Assert.Equal(5.0, color.Threshold);
        Assert.True(color.Matched);
        Assert.Equal("#FF0000", color.MatchedColor);
        Assert.Equal("#FA0A0A", color.ColorHex);
        Assert.Equal(40 * 30, color.PixelCount);
    }

    [Fact]
    public async Task SixtyPercentBlackFailsASeventyPercentBox()
    {
        using var crop = BlackOverWhite(100, 50, blackRows: 30);

        var result = await Evaluate(crop, BoxRoi([0, 0, 0], 50, 70.0));

        Assert.False(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal("No Match", result.Color!.DetectedColor);
        Assert.InRange(result.Color.MatchPercentage, 59.5, 60.5);
        Assert.False(result.Color.Matched);
        Assert.Equal(70.0, result.Color.Threshold);
        Assert.Equal(70.0, result.ColorThreshold);
    }

    [Fact]
    public async Task BoxUpperBoundIsClampedTo255WithoutOverflow()
    {
        using var crop = BlackOverWhite(100, 50, blackRows: 30);

        var result = await Evaluate(crop, BoxRoi([250, 250, 250], 10, 5.0));

        // 260 wrapped to a byte would be 4 and match nothing; clamped to 255 it matches the white 40 %.
        Assert.True(result.Passed);
        Assert.InRange(result.Color!.MatchPercentage, 39.5, 40.5);
        Assert.Equal("#FAFAFA", result.Color.DetectedColor);
    }

    [Fact]
    public async Task BoxWithNoMatchingPixelHasNoMatchedColour()
    {
        using var crop = Uniform(20, 20, 0, 0, 255);

        var result = await Evaluate(crop, BoxRoi([255, 0, 0], 10, 5.0));

        Assert.False(result.Passed);
        Assert.Equal("No Match", result.Color!.DetectedColor);
        Assert.Equal(0.0, result.Color.MatchPercentage);
        Assert.Null(result.Color.MatchedColor);
        Assert.Equal(0, result.Color.PixelCount);
        Assert.Equal("#0000FF", result.Color.ColorHex);
    }

    [Fact]
    public async Task PassRuleUsesTheUnroundedPercentage()
    {
        // 6 of 9 pixels = 66.666…%, reported as 66.67; a 66.668 % minimum is above the true share.
        using var crop = new Mat(3, 3, MatType.CV_8UC3, new Scalar(0, 0, 255));
        Fill(crop, new Rect(0, 2, 3, 1), Scalar.White);

        var result = await Evaluate(crop, BoxRoi([255, 0, 0], 10, 66.668));

        Assert.Equal(66.67, result.Color!.MatchPercentage);
        Assert.False(result.Passed);
    }

    [Fact]
    public async Task HsvRangeIsTestedInOpenCvHsvScale()
    {
        using var crop = Uniform(30, 30, 255, 0, 0);

        var hsv = await Evaluate(crop, RangesRoi(Range("red", [0, 100, 100], [10, 255, 255], "HSV", 50)));
        var rgb = await Evaluate(crop, RangesRoi(Range("red", [0, 100, 100], [10, 255, 255], "RGB", 50)));

        Assert.True(hsv.Passed);
        Assert.Equal("red", hsv.Color!.DetectedColor);
        Assert.Equal(100.0, hsv.Color.MatchPercentage);
        Assert.Equal("red", hsv.Color.MatchedColor);
        Assert.Equal(50.0, hsv.ColorThreshold);
        Assert.False(rgb.Passed);
        Assert.Equal(0.0, rgb.Color!.MatchPercentage);
        Assert.Equal("Unknown", rgb.Color.DetectedColor);
        Assert.Null(rgb.Color.MatchedColor);
    }

    [Fact]
    public async Task HueCrossingZeroIsTwoRangesOfOneName()
    {
        // Hue 175 (pinkish red) and hue 2 (red), half each: together they are all "red".
        using var crop = new Mat(20, 20, MatType.CV_8UC3);
        using (var hsv = new Mat(20, 20, MatType.CV_8UC3, new Scalar(175, 255, 255)))
        {
            Fill(hsv, new Rect(0, 0, 10, 20), new Scalar(2, 255, 255));
            Cv2.CvtColor(hsv, crop, ColorConversionCodes.HSV2BGR);
        }

        var result = await Evaluate(crop, RangesRoi(
            Range("red", [170, 100, 100], [179, 255, 255], "HSV", 90),
            Range("red", [0, 100, 100], [5, 255, 255], "HSV", 10)));

        Assert.True(result.Passed);
        Assert.Equal(100.0, result.Color!.MatchPercentage);
        Assert.Equal(90.0, result.Color.Threshold);
    }

    [Fact]
    public async Task RangesOfOneNameAddUpAndTheHighestNameWins()
    {
        using var crop = Bands();

        var result = await Evaluate(crop, RangesRoi(
            Range("red", [200, 0, 0], [200, 0, 0], "RGB", 40),
            Range("blue", [0, 0, 200], [0, 0, 200], "RGB", 40),
            Range("red", [150, 0, 0], [150, 0, 0], "RGB", 40),
            Range("red", [100, 0, 0], [100, 0, 0], "RGB", 40)));

        Assert.True(result.Passed);
        Assert.Equal("red", result.Color!.DetectedColor);
        Assert.Equal(65.0, result.Color.MatchPercentage);
        Assert.Equal("red", result.Color.MatchedColor);
        Assert.Equal(65 * 20, result.Color.PixelCount);
        Assert.Equal(40.0, result.ColorThreshold);
    }

    [Fact]
    public async Task OverlappingRangesOfOneNameAreNotDoubleCounted()
    {
        using var crop = Bands();

        var result = await Evaluate(crop, RangesRoi(
            Range("red", [190, 0, 0], [210, 10, 10], "RGB", 40),
            Range("red", [180, 0, 0], [220, 20, 20], "RGB", 40)));

        Assert.Equal(30.0, result.Color!.MatchPercentage);
        Assert.False(result.Passed);
        Assert.Equal("red", result.Color.DetectedColor);
    }

    [Fact]
    public async Task WinnerThresholdIsThatOfItsFirstRangeAndTiesGoToTheFirstName()
    {
        using var crop = Bands();

        // Green band of 15 % against the grey band of 15 %: a tie, so "grey" (listed first) wins with its threshold.
        var result = await Evaluate(crop, RangesRoi(
            Range("grey", [120, 120, 120], [136, 136, 136], "RGB", 15),
            Range("green", [0, 190, 0], [10, 210, 10], "RGB", 1),
            Range("grey", [0, 0, 0], [1, 1, 1], "RGB", 99)));

        Assert.Equal("grey", result.Color!.DetectedColor);
        Assert.Equal(15.0, result.Color.MatchPercentage);
        Assert.Equal(15.0, result.ColorThreshold);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task ProductRangesApplyWhenTheRoiHasNoColourOfItsOwn()
    {
        using var crop = Uniform(20, 20, 0, 0, 200);
        ColorRange[] product = [Range("blue", [0, 0, 190], [10, 10, 210], "RGB", 50)];

        var result = await Evaluate(crop, Roi(null, null), product);

        Assert.True(result.Passed);
        Assert.Equal("blue", result.Color!.DetectedColor);
    }

    [Fact]
    public async Task RoiConfigurationTakesPrecedenceOverProductRanges()
    {
        using var crop = Uniform(20, 20, 0, 0, 200);
        ColorRange[] product = [Range("blue", [0, 0, 190], [10, 10, 210], "RGB", 50)];

        var box = await Evaluate(crop, BoxRoi([255, 0, 0], 10, 5.0), product);
        var ranges = await Evaluate(crop, RangesRoi(Range("red", [190, 0, 0], [255, 10, 10], "RGB", 50)), product);

        Assert.False(box.Passed);
        Assert.Equal("No Match", box.Color!.DetectedColor);
        Assert.False(ranges.Passed);
        Assert.Equal("Unknown", ranges.Color!.DetectedColor);
    }

    [Fact]
    public async Task MissingConfigurationFailsWithNeutralKeys()
    {
        using var crop = Uniform(20, 20, 255, 0, 0);

        var result = await Evaluate(crop, Roi(null, null), productRanges: []);

        Assert.False(result.Passed);
        Assert.Equal("no colour configuration", result.Error);
        Assert.Equal(new ColorOutcome("Error", 0.0, [0, 0, 0], 5.0, false, null, "#000000", 0) with
        {
            DominantColor = result.Color!.DominantColor,
        }, result.Color);
        Assert.Equal([0, 0, 0], result.Color.DominantColor);
        Assert.Equal(5.0, result.ColorThreshold);
    }

    [Fact]
    public async Task NoiseIsRemovedBeforeCounting()
    {
        // Grey 128 with light noise: raw, only a minority of pixels sit within ±1 of 128; denoised, nearly all do.
        using var crop = new Mat(64, 64, MatType.CV_8UC3);
        using (var noise = new Mat(64, 64, MatType.CV_16SC3))
        {
            Cv2.Randn(noise, Scalar.All(0), Scalar.All(3));
            using var grey = new Mat(64, 64, MatType.CV_16SC3, Scalar.All(128));
            using var sum = new Mat();
            Cv2.Add(grey, noise, sum);
            sum.ConvertTo(crop, MatType.CV_8UC3);
        }

        using var rawMask = new Mat();
        Cv2.InRange(crop, Scalar.All(127), Scalar.All(129), rawMask);
        var rawPct = 100.0 * Cv2.CountNonZero(rawMask) / (64 * 64);

        var result = await Evaluate(crop, BoxRoi([128, 128, 128], 1, 90.0));

        Assert.True(rawPct < 50, $"raw share {rawPct}");
        Assert.True(result.Passed, $"denoised share {result.Color!.MatchPercentage}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 50)]
    [InlineData(3, 200)]
    public async Task TinyCropsAreAnalysed(int width, int height)
    {
        using var crop = Uniform(width, height, 0, 0, 0);

        var result = await Evaluate(crop, BoxRoi([0, 0, 0], 50, 70.0));

        Assert.True(result.Passed);
        Assert.Equal(width * height, result.Color!.PixelCount);
    }

    [Fact]
    public async Task EvaluationLeavesTheCropUntouchedAndIsRepeatable()
    {
        using var crop = new Mat(60, 80, MatType.CV_8UC3);
        Cv2.Randu(crop, Scalar.All(0), Scalar.All(255));
        using var before = crop.Clone();
        var roi = RangesRoi(Range("bright", [128, 128, 128], [255, 255, 255], "RGB", 1));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Evaluate(crop, roi))));

        Assert.All(results, r => Assert.Equivalent(results[0].Color, r.Color, strict: true));
        Assert.Equal(0, Cv2.Norm(crop, before, NormTypes.L1));
    }

    /// <summary>100×20 crop of vertical bands: red 200 (30 %), red 150 (25 %), red 100 (10 %), blue (20 %), grey 128 (15 %).</summary>
    private static Mat Bands()
    {
        var crop = new Mat(20, 100, MatType.CV_8UC3, Scalar.All(128));
        Fill(crop, new Rect(0, 0, 30, 20), new Scalar(0, 0, 200));
        Fill(crop, new Rect(30, 0, 25, 20), new Scalar(0, 0, 150));
        Fill(crop, new Rect(55, 0, 10, 20), new Scalar(0, 0, 100));
        Fill(crop, new Rect(65, 0, 20, 20), new Scalar(200, 0, 0));
        return crop;
    }

    private static void Fill(Mat picture, Rect area, Scalar colour)
    {
        using var part = new Mat(picture, area);
        part.SetTo(colour);
    }

    private static Mat Uniform(int width, int height, int r, int g, int b) =>
        new(height, width, MatType.CV_8UC3, new Scalar(b, g, r));

    private static Mat BlackOverWhite(int width, int height, int blackRows)
    {
        var crop = new Mat(height, width, MatType.CV_8UC3, Scalar.White);
        Fill(crop, new Rect(0, 0, width, blackRows), Scalar.Black);
        return crop;
    }

    private static ColorRange Range(string name, double[] lower, double[] upper, string space, double threshold) =>
        new(name, lower, upper, space, threshold);

    private static RoiDefinition BoxRoi(int[] expected, int tolerance, double minPct) =>
        Roi(expected, null) with { ColorTolerance = tolerance, MinPixelPercentage = minPct };

    private static RoiDefinition RangesRoi(params ColorRange[] ranges) => Roi(null, ranges);

    private static RoiDefinition Roi(int[]? expected, ColorRange[]? ranges) =>
        new(4, RoiDefinition.Color, new RoiRect(0, 0, 10, 10), 305, 3000, null, null, 0, 1, null, null, null, expected,
            10, 5.0, ranges, true, null);

    private static Task<RoiEvaluation> Evaluate(Mat crop, RoiDefinition roi, ColorRange[]? productRanges = null) =>
        Evaluator.EvaluateAsync(new RoiEvaluationContext(crop, roi, "p", "/tmp/p", productRanges),
            CancellationToken.None);
}
