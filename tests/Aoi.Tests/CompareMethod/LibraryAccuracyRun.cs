using System.Globalization;
using System.Text;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Aoi.Tests.Compare;
using Aoi.Tests.TestSupport;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// Explicit iteration run (not part of the normal suite): the spec 3.6 harness with only the deep method, per ROI, for
/// quick comparisons while tuning. Products from AOI_MEASURE_PRODUCTS (comma separated), unseen bound from
/// AOI_MEASURE_UNSEEN (default 4), report to AOI_MEASURE_OUT (default: test output);
/// AOI_MEASURE_DEEP_WEIGHT and AOI_MEASURE_BLUR and AOI_MEASURE_NEIGHBOURS set <see cref="AlignedSpatialTuning"/>; AOI_MEASURE_PAIRWISE_ONLY=1
/// hides the library score (the method before the library memory).
/// Run with: dotnet test --project tests/Aoi.Tests --filter-method '*RunDeepMethodHarness'.
/// </summary>
public sealed class LibraryAccuracyRun(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public async Task RunDeepMethodHarness()
    {
        var root = Datasets.RequireFeyes();
        var products = (Environment.GetEnvironmentVariable("AOI_MEASURE_PRODUCTS") ?? "01858512,20003548").Split(',');
        var unseen = int.TryParse(Environment.GetEnvironmentVariable("AOI_MEASURE_UNSEEN"), out var u) ? u : 4;
        var store = new ProductConfigStore(new AoiPaths(Microsoft.Extensions.Options.Options.Create(
            new AoiOptions { ProductRoot = root, DataRoot = Path.GetTempPath() })));
        var tuning = new AlignedSpatialTuning(
            double.TryParse(Environment.GetEnvironmentVariable("AOI_MEASURE_DEEP_WEIGHT"), CultureInfo.InvariantCulture, out var w) ? w : AlignedSpatialTuning.Default.DeepWeight,
            double.TryParse(Environment.GetEnvironmentVariable("AOI_MEASURE_BLUR"), CultureInfo.InvariantCulture, out var b) ? b : AlignedSpatialTuning.Default.StructureBlurSigma,
            int.TryParse(Environment.GetEnvironmentVariable("AOI_MEASURE_NEIGHBOURS"), out var k) ? k : AlignedSpatialTuning.Default.LibraryNeighbours);
        var aligned = new AlignedSpatialSimilarity(CompareTestRig.SharedModel, tuning);
        var pairwiseOnly = Environment.GetEnvironmentVariable("AOI_MEASURE_PAIRWISE_ONLY") == "1";
        ISimilarityMethod method = pairwiseOnly ? new PairwiseOnly(aligned) : aligned;
        var evaluator = new LibraryEvaluator(new EvaluationSettings { MaxUnseenPerRoi = unseen });
        var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{tuning}, pairwise only {pairwiseOnly}, unseen ≤ {unseen}");
        foreach (var product in products)
        {
            var snapshot = store.LoadSnapshot(product).Snapshot;
            Assert.NotNull(snapshot);
            var result = await evaluator.EvaluateAsync(snapshot, _ => new Aoi.Grains.Engines.Compare.Library.PairwiseLibraryJudge(method), EvaluationMethod.Configured, cancellationToken: TestContext.Current.CancellationToken);
            var t = result.Totals;
            report.AppendLine(CultureInfo.InvariantCulture, $"{product}: genuine {t.GenuinePassRate:P1} unseen {t.UnseenPassRate:P1} ({t.UnseenCount}) escapes {t.Escapes}/{t.DefectCount} false calls {t.FalseCalls} {t.ElapsedMs / 1000:F0} s");
            foreach (var roi in result.Rois)
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"  roi {roi.RoiId} t={roi.Threshold:F2} taught {roi.TaughtCount} genuine min {roi.Genuine.Min:F3} unseen min {roi.Unseen.Min:F3} pass {roi.Unseen.PassRate:P0} " +
                    $"defect max {string.Join(' ', roi.Defects.Select(d => $"{d.Kind}={d.Max:F3}"))} escapes {string.Join(',', roi.Escapes.Select(e => e.Variant))} {roi.Error}");
            }
        }

        var text = report.ToString();
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("AOI_MEASURE_OUT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The same pair score without <see cref="ILibrarySimilarity"/>, i.e. single-golden first match only.</summary>
    private sealed class PairwiseOnly(ISimilarityMethod inner) : ISimilarityMethod
    {
        public string Name => inner.Name;

        public ImageFeatures Extract(OpenCvSharp.Mat bgr) => inner.Extract(bgr);

        public double Score(ImageFeatures crop, ImageFeatures golden) => inner.Score(crop, golden);
    }
}
