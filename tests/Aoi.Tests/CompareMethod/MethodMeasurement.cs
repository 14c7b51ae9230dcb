using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aoi.Grains.Engines.Compare;
using Aoi.Tests.Compare;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// Explicit measurement run (not part of the normal suite): every raw signal of <see cref="AlignedSpatialSimilarity"/>
/// and the pooled baseline over <see cref="SpecVariants"/> on the real libraries, written as TSV for calibration.
/// Run with: dotnet test --project tests/Aoi.Tests --filter-method '*MeasureRawSignals' (AOI_MEASURE_OUT=file).
/// </summary>
public sealed class MethodMeasurement
{
    private const int MaxTaught = 6;
    private const int MaxUnseen = 4;

    [Fact(Explicit = true)]
    public void MeasureRawSignals()
    {
        Datasets.RequireFeyes();
        var method = new AlignedSpatialSimilarity(CompareTestRig.SharedModel);
        var baseline = new DeepPooledSimilarity(CompareTestRig.SharedModel);
        var output = new StringBuilder("product\troi\tw\th\tthreshold\tcategory\tkind\tsymmetry\tdx\tdy\tncc\tstructMean\tstructWorst\tc3Mean\tc3Worst\traw\tscore\tpooled\tgolden\n");
        var products = (Environment.GetEnvironmentVariable("AOI_MEASURE_PRODUCTS") ?? string.Join(',', Datasets.FeyesProducts)).Split(',');
        var extractMs = new List<double>();
        var scoreMs = new List<double>();
        foreach (var product in products)
        {
            var rois = CompareTestRig.RealCompareRois(product).ToList();
            for (var r = 0; r < rois.Count; r++)
            {
                var roi = rois[r];
                var folder = CompareTestRig.RealGoldenFolder(product, roi.Idx);
                var files = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToList();
                var best = files.FirstOrDefault(f => Path.GetFileName(f) == "best_golden.jpg") ?? files[0];
                var others = files.Where(f => f != best).ToList();
                var taughtFiles = new[] { best }.Concat(others.Where((_, i) => i % 2 == 1).Take(MaxTaught - 1)).ToList();
                var unseenFiles = others.Where((_, i) => i % 2 == 0).Take(MaxUnseen).ToList();
                using var golden = CompareTestRig.Decode(best);
                var size = golden.Size();
                var taught = taughtFiles.Select(f =>
                {
                    using var image = GoldenImages.LoadAtSize(f, size)!;
                    var watch = Stopwatch.StartNew();
                    var features = method.Extract(image);
                    extractMs.Add(watch.Elapsed.TotalMilliseconds);
                    return (Aligned: features, Pooled: baseline.Extract(image));
                }).ToList();
                var other = CompareTestRig.Decode(Path.Combine(CompareTestRig.RealGoldenFolder(product, rois[(r + 1) % rois.Count].Idx), "best_golden.jpg"));
                var symmetry = SpecVariants.RotationSymmetry(golden);

                void Record(string category, string kind, Mat image, bool againstAll)
                {
                    var crop = method.Extract(image);
                    var pooledCrop = baseline.Extract(image);
                    var candidates = againstAll ? taught : taught.Take(1).ToList();
                    var watch = Stopwatch.StartNew();
                    var breakdowns = candidates.Select(t => method.Explain(crop, t.Aligned)).ToList();
                    scoreMs.Add(watch.Elapsed.TotalMilliseconds / candidates.Count);
                    // One row per (variant, golden): any rule can then be evaluated as "max over the library".
                    for (var g = 0; g < breakdowns.Count; g++)
                    {
                    var chosen = breakdowns[g];
                    var pooled = baseline.Score(pooledCrop, candidates[g].Pooled);
                    output.AppendLine(string.Join('\t', new object[]
                    {
                        product, roi.Idx, size.Width, size.Height, roi.AiThreshold!, category, kind, symmetry,
                        chosen.Alignment.Dx, chosen.Alignment.Dy, chosen.Alignment.Correlation,
                        chosen.StructureMean, chosen.StructureWorstBlock, chosen.DeepMean, chosen.DeepWorstBlock,
                        chosen.Raw, chosen.Similarity, pooled, g,
                    }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
                    }
                }

                foreach (var (kind, image) in SpecVariants.Nuisance(golden, seed: roi.Idx))
                {
                    using (image)
                    {
                        Record("nuisance", kind, image, againstAll: false);
                    }
                }

                foreach (var file in unseenFiles)
                {
                    using var image = GoldenImages.LoadAtSize(file, size)!;
                    Record("unseen", Path.GetFileName(file), image, againstAll: true);
                }

                foreach (var (kind, image) in SpecVariants.Defects(golden, other, seed: roi.Idx))
                {
                    using (image)
                    {
                        Record("defect", kind, image, againstAll: true);
                    }
                }

                other.Dispose();
            }
        }

        var path = Environment.GetEnvironmentVariable("AOI_MEASURE_OUT") ?? Path.Combine(Path.GetTempPath(), "aoi-method-measure.tsv");
        File.WriteAllText(path, output.ToString());
        File.WriteAllText(path + ".timing", $"extract median {Median(extractMs):F1} ms, score median {Median(scoreMs):F2} ms per pair");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"wrote {path}; extract median {Median(extractMs):F1} ms, score median {Median(scoreMs):F2} ms per pair");
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
