using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Tests.Compare;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class ProductWarmupTests
{
    private static readonly AlignedSpatialSimilarity Method = new(CompareTestRig.SharedModel);

    [Fact]
    public async Task WarmingBuildsEveryRoiModelOnceSoTheFirstInspectionFindsItBuilt()
    {
        using var rig = new CompareTestRig();
        var options = Options.Create(new AoiOptions { DataRoot = rig.Root, ProductRoot = rig.Root });
        var evaluator = rig.EvaluatorWith(Method);
        using var chip = DrawnParts.Chip(60, 40);
        using var other = DrawnParts.Chip(60, 40, seed: 7);
        foreach (var (idx, names) in new[] { (1, new[] { "best_golden.jpg" }), (2, new[] { "best_golden.jpg", "1770000000000_golden_sample.jpg", "1770000000001_golden_sample.jpg" }) })
        {
            var folder = Directory.CreateDirectory(rig.GoldenFolder(idx)).FullName;
            foreach (var name in names)
            {
                Cv2.ImWrite(Path.Combine(folder, name), name.StartsWith("best", StringComparison.Ordinal) ? chip : other);
            }
        }

        var rois = new[]
        {
            CompareTestRig.Roi(1, new RoiRect(0, 0, 60, 40)),
            CompareTestRig.Roi(2, new RoiRect(100, 0, 160, 40)),
            CompareTestRig.Roi(3, new RoiRect(200, 0, 260, 40)), // no golden folder: nothing to warm, no failure
        };
        var snapshot = new ProductSnapshot(CompareTestRig.Product, 1, rois, null, rig.ProductFolder);
        var workers = new InlineRoiWorkers();
        await using var warmup = new ProductWarmup([evaluator], workers, options, NullLogger<ProductWarmup>.Instance);
        workers.Warmup = warmup;

        await warmup.WarmAsync(snapshot, TestContext.Current.CancellationToken);

        // One worker call per compare ROI, so the warm-up shares the ROI workers' bound; one model per ROI with
        // goldens (ROI 3 has none: nothing to build, no failure).
        Assert.Equal(3, workers.WarmedRois);
        Assert.Equal(2, rig.Cache.Count);
        var result = await evaluator.EvaluateAsync(new(chip, rois[1], CompareTestRig.Product, rig.ProductFolder, null), CancellationToken.None);
        result.GoldenUsed?.Dispose();
        Assert.True(result.Passed, $"{result.Compare}");
        Assert.Equal(2, rig.Cache.Count);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public async Task TheWarmUpTakesOneWorkerAtATimeUnlessNothingElseCanUseThem(bool exclusive, int expectedAtOnce)
    {
        using var rig = new CompareTestRig();
        var options = Options.Create(new AoiOptions { DataRoot = rig.Root, ProductRoot = rig.Root, RoiParallelism = 3 });
        var rois = Enumerable.Range(1, 5).Select(i => CompareTestRig.Roi(i, new RoiRect(100 * i, 0, 100 * i + 60, 40))).ToArray();
        var snapshot = new ProductSnapshot(CompareTestRig.Product, 1, rois, null, rig.ProductFolder);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = new InlineRoiWorkers { Hold = release.Task };
        await using var warmup = new ProductWarmup([rig.EvaluatorWith(Method)], workers, options, NullLogger<ProductWarmup>.Instance);
        workers.Warmup = warmup;

        var warming = warmup.WarmAsync(snapshot, TestContext.Current.CancellationToken, exclusive: () => exclusive);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(warming.IsCompleted);
        release.SetResult();
        await warming;

        // The pool's size (Aoi:RoiParallelism) bounds the calls at once; every ROI is warmed either way.
        Assert.Equal(expectedAtOnce, workers.MostAtOnce);
        Assert.Equal(5, workers.WarmedRois);
    }
}
