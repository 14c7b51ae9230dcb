using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;
using Aoi.Tests.Compare;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class AlignedSpatialSimilarityTests
{
    private const double DefaultThreshold = 0.9;
    private static readonly AlignedSpatialSimilarity Method = new(CompareTestRig.SharedModel);

    [Fact]
    public void IdenticalImagesScoreOne()
    {
        using var chip = DrawnParts.Chip();
        Assert.True(Score(chip, chip) >= 0.999, $"{Score(chip, chip)}");
    }

    [Theory]
    [InlineData(4, 3, 1.0, 0.0)]
    [InlineData(-4, -2, 1.0, 0.0)]
    [InlineData(0, 0, 1.12, 0.0)]
    [InlineData(0, 0, 0.85, 0.0)]
    [InlineData(3, -3, 0.9, 8.0)]
    public void ShiftedOrReLitCopiesPass(int dx, int dy, double gain, double offset)
    {
        using var golden = DrawnParts.Chip();
        using var shifted = DrawnParts.Shifted(golden, dx, dy);
        using var crop = DrawnParts.Photometric(shifted, gain, offset);

        var score = Score(crop, golden);

        Assert.True(score >= DefaultThreshold, $"shift ({dx},{dy}) gain {gain} offset {offset}: {score}");
    }

    [Fact]
    public void TheChipTurnedBy180DegreesFails()
    {
        using var golden = DrawnParts.Chip();
        using var turned = new Mat();
        Cv2.Rotate(golden, turned, RotateFlags.Rotate180);

        AssertFails(turned, golden, "turned 180°");
    }

    [Fact]
    public void AMissingChipFails()
    {
        using var golden = DrawnParts.Chip();
        using var bare = DrawnParts.Board(golden.Width, golden.Height, seed: 2);

        AssertFails(bare, golden, "missing");
    }

    [Fact]
    public void AHalfCoveredChipFails()
    {
        using var golden = DrawnParts.Chip();
        using var covered = golden.Clone();
        covered[new Rect(0, 0, golden.Width / 2, golden.Height)].SetTo(new Scalar(200, 200, 200));

        AssertFails(covered, golden, "half covered");
    }

    [Fact]
    public void AChipDisplacedByAThirdFails()
    {
        using var golden = DrawnParts.Chip();
        using var displaced = DrawnParts.Shifted(golden, golden.Width / 3, 0);

        AssertFails(displaced, golden, "displaced");
    }

    [Fact]
    public void TheScoreIsAFunctionOfThePairOnly()
    {
        using var golden = DrawnParts.Chip();
        using var shifted = DrawnParts.Shifted(golden, 3, 2);
        using var crop = DrawnParts.Photometric(shifted, 1.05, 3);
        var goldenFeatures = Method.Extract(golden);

        var first = Method.Score(Method.Extract(crop), goldenFeatures);
        var again = Method.Score(Method.Extract(crop), Method.Extract(golden));

        Assert.Equal(first, again);
        Assert.Equal(first, Method.Score(Method.Extract(crop), goldenFeatures));
    }

    [Fact]
    public async Task CachedGoldenFeaturesGiveTheSameSimilarityAsFreshOnes()
    {
        using var rig = new CompareTestRig();
        var evaluator = rig.EvaluatorWith(Method);
        using var golden = DrawnParts.Chip();
        var folder = Directory.CreateDirectory(rig.GoldenFolder(1)).FullName;
        Cv2.ImWrite(Path.Combine(folder, "best_golden.jpg"), golden);
        using var shifted = DrawnParts.Shifted(golden, 2, -3);
        using var crop = DrawnParts.Photometric(shifted, 0.95, 4);
        var roi = CompareTestRig.Roi(1, new RoiRect(0, 0, crop.Width, crop.Height));

        var uncached = await evaluator.EvaluateAsync(new(crop, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        Assert.Equal(1, rig.Cache.Count);
        var cached = await evaluator.EvaluateAsync(new(crop, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        uncached.GoldenUsed?.Dispose();
        cached.GoldenUsed?.Dispose();

        Assert.Null(uncached.Error);
        Assert.Equal(uncached.Compare!.AiSimilarity, cached.Compare!.AiSimilarity);
        Assert.True(cached.Passed, $"{cached.Compare}");
    }

    [Fact]
    public void AlignmentFindsTheShiftOfTheContent()
    {
        using var golden = DrawnParts.Chip();
        using var shifted = DrawnParts.Shifted(golden, 5, -3);

        var breakdown = Method.Explain(Method.Extract(shifted), Method.Extract(golden));

        // Crop pixel p shows golden pixel p - (5, -3).
        Assert.Equal((-5, 3), (breakdown.Alignment.Dx, breakdown.Alignment.Dy));
    }

    [Fact]
    public void FeaturesOfAnotherMethodAreRefused()
    {
        using var chip = DrawnParts.Chip();
        var foreign = new ImageFeatures([1f, 2f]);
        Assert.Throws<ArgumentException>(() => Method.Score(foreign, Method.Extract(chip)));
    }

    private static double Score(Mat crop, Mat golden) => Method.Score(Method.Extract(crop), Method.Extract(golden));

    private static void AssertFails(Mat crop, Mat golden, string what)
    {
        var breakdown = Method.Explain(Method.Extract(crop), Method.Extract(golden));
        Assert.True(breakdown.Similarity < ScoreCalibration.DefectSimilarity, $"{what}: {breakdown}");
    }
}
