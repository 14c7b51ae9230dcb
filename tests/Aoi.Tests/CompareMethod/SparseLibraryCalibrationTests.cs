using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;
using Aoi.Tests.Compare;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class SparseLibraryCalibrationTests
{
    private static readonly AlignedSpatialSimilarity Method = new(CompareTestRig.SharedModel);

    [Fact]
    public void AnchorsStayWithinTheFloorAndTheFixedAnchorsAndKeepTheGap()
    {
        foreach (var (w, h) in new[] { (40, 30), (120, 80), (240, 160) })
        {
            using var part = DrawnParts.Chip(w, h);
            var anchors = SparseLibraryCalibration.Anchors(Method, part, Method.Extract(part));

            Assert.InRange(anchors.GenuineRaw, SparseLibraryCalibration.Floor, ScoreCalibration.GenuineRaw);
            Assert.Equal(ScoreCalibration.GenuineRaw - ScoreCalibration.DefectRaw, anchors.GenuineRaw - anchors.DefectRaw, 9);
        }
    }

    [Fact]
    public void ATinyPartGetsLowerAnchorsThanALargeOne()
    {
        using var tiny = Blurred(DrawnParts.Chip(40, 30), 0.8);
        using var large = DrawnParts.Chip(240, 160);

        var tinyAnchors = SparseLibraryCalibration.Anchors(Method, tiny, Method.Extract(tiny));
        var largeAnchors = SparseLibraryCalibration.Anchors(Method, large, Method.Extract(large));

        Assert.True(tinyAnchors.GenuineRaw < largeAnchors.GenuineRaw, $"{tinyAnchors} vs {largeAnchors}");
    }

    [Fact]
    public void OnlySparseLibrariesAreCalibratedAndTheAnchorsAreComputedOncePerReference()
    {
        using var part = Blurred(DrawnParts.Chip(40, 30), 0.8);
        var features = Method.Extract(part);
        var reads = 0;
        Mat? Read()
        {
            reads++;
            return part.Clone();
        }

        Assert.Equal(ScoreAnchors.Default, Method.AnchorsFor(SparseLibraryCalibration.MaxGoldens + 1, features, Read));
        Assert.Equal(0, reads);
        var first = Method.AnchorsFor(1, features, Read);
        var second = Method.AnchorsFor(2, features, Read);

        Assert.Equal(first, second);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task TheServerUsesTheAnchorsOfASparseLibraryAndStillFailsAMissingPart()
    {
        using var rig = new CompareTestRig();
        var evaluator = rig.EvaluatorWith(Method);
        using var golden = Blurred(DrawnParts.Chip(44, 32), 0.8);
        var folder = Directory.CreateDirectory(rig.GoldenFolder(1)).FullName;
        Cv2.ImWrite(Path.Combine(folder, "best_golden.jpg"), golden);
        var roi = CompareTestRig.Roi(1, new RoiRect(0, 0, golden.Width, golden.Height), threshold: 0.5);
        using var reread = Cv2.ImRead(Path.Combine(folder, "best_golden.jpg"));
        var goldenFeatures = Method.Extract(reread);
        var anchors = Method.AnchorsFor(1, goldenFeatures, reread.Clone);
        using var shifted = Blurred(DrawnParts.Shifted(golden, 3, -2), 1.0);
        using var bare = DrawnParts.Board(golden.Width, golden.Height, seed: 5);

        var genuine = await evaluator.EvaluateAsync(new(shifted, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        var missing = await evaluator.EvaluateAsync(new(bare, roi, CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        genuine.GoldenUsed?.Dispose();
        missing.GoldenUsed?.Dispose();

        Assert.NotEqual(ScoreAnchors.Default, anchors);
        var raw = Method.Explain(Method.Extract(shifted), goldenFeatures).Raw;
        Assert.Equal(ScoreCalibration.ToSimilarity(raw, anchors), genuine.Compare!.AiSimilarity, 9);
        Assert.True(missing.Compare!.AiSimilarity < ScoreCalibration.DefectSimilarity, $"{missing.Compare}");
    }

    private static Mat Blurred(Mat image, double sigma)
    {
        using (image)
        {
            var result = new Mat();
            Cv2.GaussianBlur(image, result, new Size(0, 0), sigma);
            return result;
        }
    }
}
