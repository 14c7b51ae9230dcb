using Aoi.Grains.Engines.Compare;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.Compare;

public sealed class ResNet18ModelTests
{
    [Fact]
    public void PooledFeaturesAre512AndDeterministic()
    {
        using var image = Pattern(120, 80, seed: 1);

        var first = CompareTestRig.SharedModel.Featurize(image);
        var second = CompareTestRig.SharedModel.Featurize(image);

        Assert.Equal(512, first.Length);
        Assert.Equal(first, second);
        Assert.Contains(first, v => v != 0f);
    }

    [Fact]
    public void DifferentImagesGiveDifferentFeatures()
    {
        using var a = Pattern(120, 80, seed: 1);
        using var b = Pattern(120, 80, seed: 2);

        var similarity = CosineSimilarity.Compute(CompareTestRig.SharedModel.Featurize(a), CompareTestRig.SharedModel.Featurize(b));

        Assert.True(similarity < 0.999, $"similarity {similarity}");
    }

    [Fact]
    public async Task ConcurrentRunsOnTheSharedSessionMatchSequentialRuns()
    {
        Datasets.RequireFeyes();
        var crops = Directory.GetFiles(CompareTestRig.RealGoldenFolder("20003548", 11), "*.jpg")
            .Order(StringComparer.Ordinal).Select(CompareTestRig.Decode).ToArray();
        try
        {
            var sequential = crops.Select(CompareTestRig.SharedModel.Featurize).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Two workers run every crop at the same time on the one shared session.
            var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return crops.Select(CompareTestRig.SharedModel.Featurize).ToArray();
            })).ToArray();
            start.SetResult();
            var concurrent = await Task.WhenAll(workers);

            foreach (var run in concurrent)
            {
                for (var i = 0; i < crops.Length; i++)
                {
                    Assert.Equal(sequential[i], run[i]);
                }
            }
        }
        finally
        {
            foreach (var crop in crops)
            {
                crop.Dispose();
            }
        }
    }

    [Fact]
    public void MissingModelFilesReportTheReason()
    {
        using var model = new ResNet18Model(Path.Combine(Path.GetTempPath(), "aoi-no-models-" + Guid.NewGuid()));

        var error = Assert.Throws<DeepModelUnavailableException>(model.EnsureLoaded);
        Assert.StartsWith("model file not found: ", error.Reason);
        Assert.Equal($"deep model unavailable: {error.Reason}", error.Message);
        // The failure is remembered rather than retried per ROI.
        Assert.Same(error, Assert.Throws<DeepModelUnavailableException>(model.EnsureLoaded));
    }

    [Fact]
    public void InitializeRetriesAFailedLoad()
    {
        var folder = Directory.CreateTempSubdirectory("aoi-models-").FullName;
        try
        {
            using var model = new ResNet18Model(folder);
            Assert.Throws<DeepModelUnavailableException>(model.EnsureLoaded);

            // The files appear later (e.g. fixed deployment); initialize must pick them up.
            foreach (var sub in new[] { "ResNet18Onnx", "ResNetPrepOnnx" })
            {
                Directory.CreateSymbolicLink(Path.Combine(folder, sub), Path.Combine(ResNet18Model.DefaultFolder, sub));
            }

            model.Initialize();
            using var image = Pattern(64, 64, seed: 5);
            Assert.Equal(CompareTestRig.SharedModel.Featurize(image), model.Featurize(image));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deterministic textured picture: random rectangles and circles from a seeded generator.</summary>
    internal static Mat Pattern(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(random.Next(256), random.Next(256), random.Next(256)));
        for (var i = 0; i < 25; i++)
        {
            var colour = new Scalar(random.Next(256), random.Next(256), random.Next(256));
            var at = new Point(random.Next(width), random.Next(height));
            if (i % 2 == 0)
            {
                Cv2.Rectangle(image, new Rect(at, new Size(random.Next(4, width / 3), random.Next(4, height / 3))), colour, -1);
            }
            else
            {
                Cv2.Circle(image, at, random.Next(3, Math.Min(width, height) / 4), colour, -1);
            }
        }

        return image;
    }
}
