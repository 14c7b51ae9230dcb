using Aoi.Grains.Engines.Compare;
using Aoi.Tests.Compare;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class PlacementCheckTests
{
    private static readonly AlignedSpatialSimilarity Method = new(CompareTestRig.SharedModel);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 3)]
    [InlineData(-12, 0)]
    [InlineData(0, -14)]
    [InlineData(22, 12)]
    public void ShiftsWithinTheToleranceAreNotDisplaced(int dx, int dy)
    {
        using var golden = DrawnParts.Chip(width: 120, height: 80);
        using var crop = DrawnParts.Shifted(golden, dx, dy);

        var placement = Measure(crop, golden);

        Assert.False(placement.Displaced, $"({dx},{dy}): {placement}");
    }

    [Theory]
    [InlineData(40, 0)]
    [InlineData(-40, 0)]
    [InlineData(0, 27)]
    [InlineData(0, -27)]
    public void APartMovedByAThirdIsDisplaced(int dx, int dy)
    {
        using var golden = DrawnParts.Chip(width: 120, height: 80);
        using var crop = DrawnParts.Shifted(golden, dx, dy);

        var placement = Measure(crop, golden);

        Assert.True(placement.Displaced, $"({dx},{dy}): {placement}");
        Assert.InRange(Math.Abs(placement.Dx) + Math.Abs(placement.Dy), 0.28, 0.40);
    }

    [Fact]
    public void ARowOfScrewsMovedByOneScrewIsDisplacedAlthoughItAlignsOntoItsNeighbour()
    {
        // Three equal screws a third apart: moved by a third, two screws still sit on screws.
        using var golden = Screws(150, 60);
        using var crop = DrawnParts.Shifted(golden, 50, 0);

        Assert.True(Measure(crop, golden).Displaced);
    }

    [Fact]
    public void AFlatCropIsNeverCalledDisplaced()
    {
        using var golden = DrawnParts.Chip();
        using var flat = new Mat(golden.Size(), MatType.CV_8UC3, DrawnParts.BoardColour);

        Assert.False(Measure(flat, golden).Displaced);
    }

    [Fact]
    public void TheVerdictNeedsTheReferenceAndMostOfTheLibrary()
    {
        using var reference = DrawnParts.Chip(width: 120, height: 80);
        using var offCentre = DrawnParts.Shifted(reference, 28, 0);
        using var crop = DrawnParts.Shifted(reference, 40, 0);
        var c = Method.Extract(crop);
        var r = Method.Extract(reference);
        var o = Method.Extract(offCentre);

        // Away from the reference and from the only other golden: displaced.
        Assert.True(PlacementRule.IsDisplaced(Method, c, [r, r]));
        // Away from the reference, but where most captures of the library sit: the reference is the odd one out.
        Assert.False(PlacementRule.IsDisplaced(Method, c, [r, o, o]));
        // Near the reference: never displaced, whatever the others show.
        Assert.False(PlacementRule.IsDisplaced(Method, Method.Extract(reference), [r, o, o]));
    }

    [Fact]
    public void APlaceNoGoldenHasBeenAtIsAwayFromTheLibrary()
    {
        // The library as the reference sees it: the reference, and captures a little up to a fifth higher.
        (double, double)[] library = [(0, 0), (0, 0.1), (-0.05, 0.2)];

        Assert.False(PlacementRule.AwayFromAll((0.02, 0.32), library), "within the capture spread of the highest capture");
        Assert.True(PlacementRule.AwayFromAll((0, -0.33), library), "the other way, where no capture has been");
        Assert.True(PlacementRule.AwayFromAll((0.3, 0.1), library), "sideways beyond the spread");
        Assert.False(PlacementRule.AwayFromAll((0.1, 0.05), library));
    }

    [Fact]
    public async Task TheServerFailsADisplacedPartWithAWarningAndPromotesNothing()
    {
        using var rig = new CompareTestRig();
        var evaluator = rig.EvaluatorWith(Method);
        using var golden = Screws(150, 60);
        using var alternative = DrawnParts.Shifted(golden, 2, 1);
        var folder = Directory.CreateDirectory(rig.GoldenFolder(1)).FullName;
        Cv2.ImWrite(Path.Combine(folder, "best_golden.jpg"), golden);
        Cv2.ImWrite(Path.Combine(folder, "1770000000000_golden_sample.jpg"), alternative);
        var before = rig.FileNames(1);
        var bestBytes = File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg"));
        using var displaced = DrawnParts.Shifted(golden, 50, 0);
        var roi = CompareTestRig.Roi(1, new RoiRect(0, 0, golden.Width, golden.Height), threshold: 0.6);

        var result = await evaluator.EvaluateAsync(
            new(displaced, roi, CompareTestRig.Product, rig.ProductFolder, null), TestContext.Current.CancellationToken);
        result.GoldenUsed?.Dispose();

        Assert.False(result.Passed, $"{result.Compare}");
        Assert.True(result.Compare!.AiSimilarity <= PlacementCheck.DisplacedSimilarity, $"{result.Compare}");
        Assert.Contains("displaced", result.Warning);
        Assert.Equal(before, rig.FileNames(1));
        Assert.Equal(bestBytes, File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
    }

    private static Placement Measure(Mat crop, Mat golden)
    {
        using var a = Grey(crop);
        using var b = Grey(golden);
        return PlacementCheck.Measure(a, b);
    }

    private static Mat Grey(Mat bgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        var result = new Mat();
        grey.ConvertTo(result, MatType.CV_32F);
        return result;
    }

    private static Mat Screws(int width, int height)
    {
        var image = DrawnParts.Board(width, height, seed: 3);
        Cv2.Rectangle(image, new Rect(4, 6, width - 8, height - 12), new Scalar(120, 200, 120), -1);
        for (var i = 0; i < 3; i++)
        {
            var centre = new Point(width / 6 + i * width / 3, height / 2);
            Cv2.Circle(image, centre, height / 4, new Scalar(230, 230, 230), -1);
            Cv2.Line(image, centre + new Point(-height / 5, 0), centre + new Point(height / 5, 0), new Scalar(40, 40, 40), 3);
        }

        return image;
    }
}
