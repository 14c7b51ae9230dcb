using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Tests.Compare;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// The library-as-a-whole score of <see cref="AlignedSpatialSimilarity"/> and how <see cref="CompareEvaluator"/> uses
/// it: only after no single golden matched, never promoting, defects still failing.
/// </summary>
public sealed class LibraryMemoryTests
{
    private const double Threshold = 0.9;
    private static readonly AlignedSpatialSimilarity Method = new(CompareTestRig.SharedModel);

    /// <summary>Two genuine looks of one part that differ on the left (marking) and on the right (a label).</summary>
    private static (Mat Left, Mat Right) TwoLooks()
    {
        var a = DrawnParts.Chip();
        var b = DrawnParts.Chip();
        // Strong, different patterns on each half, so each golden alone misses a whole region of the mixed crop.
        for (var x = 4; x < 56; x += 8)
        {
            Cv2.Line(a, new Point(x, 4), new Point(x + 10, 76), new Scalar(235, 235, 235), 3);
        }

        for (var y = 6; y < 76; y += 8)
        {
            Cv2.Line(b, new Point(64, y), new Point(116, y), new Scalar(235, 235, 235), 3);
        }
        return (a, b);
    }

    /// <summary>The left half of one look and the right half of the other: each place is shown by some golden.</summary>
    private static Mat Mixed(Mat left, Mat right)
    {
        var mixed = right.Clone();
        left[new Rect(0, 0, left.Width / 2, left.Height)].CopyTo(mixed[new Rect(0, 0, left.Width / 2, left.Height)]);
        return mixed;
    }

    [Fact]
    public void WithOneGoldenTheLibraryScoreIsThePairScore()
    {
        using var golden = DrawnParts.Chip();
        using var shifted = DrawnParts.Shifted(golden, 3, -2);
        var crop = Method.Extract(shifted);
        var goldenFeatures = Method.Extract(golden);

        // Blocks are placed on the crop instead of the overlap: only the border blocks can differ slightly.
        Assert.Equal(Method.Score(crop, goldenFeatures), Method.ScoreLibrary(crop, [goldenFeatures]), 2);
    }

    [Fact]
    public void ACropShownPlaceByPlaceByDifferentGoldensScoresHigherThanAgainstEitherAlone()
    {
        var (left, right) = TwoLooks();
        using var a = left;
        using var b = right;
        using var mixed = Mixed(a, b);
        var crop = Method.Extract(mixed);
        var goldens = new[] { Method.Extract(a), Method.Extract(b) };

        var pairBest = goldens.Max(g => Method.Score(crop, g));
        var library = Method.ScoreLibrary(crop, goldens);

        Assert.True(library > pairBest + 0.02, $"library {library} vs best pair {pairBest}");
        Assert.True(library >= Threshold, $"library {library}");
    }

    [Fact]
    public void DefectsStillFailAgainstTheWholeLibrary()
    {
        var (left, right) = TwoLooks();
        using var a = left;
        using var b = right;
        var goldens = new[] { Method.Extract(a), Method.Extract(b) };
        using var bare = DrawnParts.Board(a.Width, a.Height, seed: 2);
        using var turned = new Mat();
        Cv2.Rotate(a, turned, RotateFlags.Rotate180);
        using var covered = a.Clone();
        covered[new Rect(0, 0, a.Width / 2, a.Height)].SetTo(new Scalar(200, 200, 200));
        using var displaced = DrawnParts.Shifted(a, a.Width / 3, 0);

        foreach (var (name, image) in new[] { ("missing", bare), ("turned", turned), ("covered", covered), ("displaced", displaced) })
        {
            var score = Method.ScoreLibrary(Method.Extract(image), goldens);
            Assert.True(score < Threshold, $"{name}: {score}");
        }
    }

    [Fact]
    public void TheLibraryScoreDoesNotDependOnGoldenOrder()
    {
        var (left, right) = TwoLooks();
        using var a = left;
        using var b = right;
        using var mixed = Mixed(a, b);
        var crop = Method.Extract(mixed);
        var fa = Method.Extract(a);
        var fb = Method.Extract(b);

        Assert.Equal(Method.ScoreLibrary(crop, [fa, fb]), Method.ScoreLibrary(crop, [fb, fa]));
    }

    [Fact]
    public async Task ALibraryPassReportsTheLibraryScoreAndPromotesNothing()
    {
        using var rig = new CompareTestRig();
        var evaluator = rig.EvaluatorWith(Method);
        var (left, right) = TwoLooks();
        using var a = left;
        using var b = right;
        var folder = Directory.CreateDirectory(rig.GoldenFolder(1)).FullName;
        Cv2.ImWrite(Path.Combine(folder, GoldenFolder.BestName), a, [new ImageEncodingParam(ImwriteFlags.JpegQuality, 98)]);
        Cv2.ImWrite(Path.Combine(folder, "1700000000000_golden_sample.jpg"), b, [new ImageEncodingParam(ImwriteFlags.JpegQuality, 98)]);
        var before = rig.FileNames(1);
        using var mixed = Mixed(a, b);
        var roi = CompareTestRig.Roi(1, new RoiRect(0, 0, mixed.Width, mixed.Height), Threshold);
        var pairBest = new[] { a, b }.Max(g => Method.Score(Method.Extract(mixed), Method.Extract(g)));
        Assert.True(pairBest < Threshold, $"precondition: no single golden matches ({pairBest})");

        var first = await evaluator.EvaluateAsync(new(mixed, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        var cached = await evaluator.EvaluateAsync(new(mixed, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        first.GoldenUsed?.Dispose();
        cached.GoldenUsed?.Dispose();

        Assert.Null(first.Error);
        Assert.True(first.Passed, $"{first.Compare}");
        Assert.True(first.Compare!.AiSimilarity > pairBest, $"{first.Compare}");
        Assert.Equal(first.Compare.AiSimilarity, cached.Compare!.AiSimilarity);
        Assert.Equal(before, rig.FileNames(1));
    }
}
