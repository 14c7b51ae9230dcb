using System.Globalization;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Products;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace Aoi.Benchmarks;

/// <summary>
/// Method engineer's probe: the spec 3.6 samples of every compare ROI (genuine nuisance, the sparse-library capture
/// variation, unseen captures, defects, optionally leave-one-out captures of the taught half), one TSV row per sample
/// and method variant. The verdict is the harness's own (<see cref="TaughtLibrary"/>, i.e. the server's rule); the
/// signals are those of the deciding golden. Samples and features are built once and scored by every variant.
/// </summary>
public sealed class ProbeCommand : IBenchmarkCommand
{
    private const string Header =
        "variant\tproduct\troi\tt\tkind\tname\tfinal\tpass\tdeciding\tntaught\tdx\tdy\tncc\tsmean\tsworst\tdmean\tdworst\traw\tpdx\tpdy\tpin\tpout\tpdisp\tn0\tn180";

    public string Name => "probe";

    public string Usage => "[--products a,b] [--out probe.tsv] [--data <feyes-products>] [--max-unseen N] [--loo N] " +
                           "[--variants \"default;neighbours=0;blur=1\"]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "products", "out", "data", "max-unseen", "loo", "variants");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        var settings = new EvaluationSettings { MaxUnseenPerRoi = int.TryParse(options.Get("max-unseen"), out var u) ? u : 4 };
        var loo = int.TryParse(options.Get("loo"), out var l) ? l : 0;
        using var provider = AccuracyCommand.BuildServices(data);
        var store = provider.GetRequiredService<ProductConfigStore>();
        var configured = (AlignedSpatialSimilarity)provider.GetRequiredService<SimilarityMethodSelector>().For("mobilenet");
        var model = provider.GetRequiredService<ResNet18Model>();
        // Extraction does not depend on the tuning, so every variant scores the same features.
        var variants = (options.Get("variants") ?? "default").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(v => v, v => v == "default" ? configured : new AlignedSpatialSimilarity(model, TuningArgument.Parse(v)));
        var products = options.Get("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. store.ListProducts()];

        var rows = new List<string>();
        foreach (var product in products)
        {
            var s = store.LoadSnapshot(product).Snapshot ?? throw new ArgumentException($"product {product} cannot be loaded");
            var rois = s.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled).ToList();
            var bests = rois.ToDictionary(r => r.Idx, r => Cv2.ImRead(Path.Combine(s.ProductFolder, "golden_rois", $"roi_{r.Idx}", "best_golden.jpg")));
            try
            {
                var perRoi = new string[rois.Count][];
                await Parallel.ForEachAsync(Enumerable.Range(0, rois.Count), (i, _) =>
                {
                    perRoi[i] = [.. Probe(product, s, rois[i], configured, variants, settings, loo, bests)];
                    return ValueTask.CompletedTask;
                });
                rows.AddRange(perRoi.SelectMany(r => r));
            }
            finally
            {
                foreach (var best in bests.Values)
                {
                    best.Dispose();
                }
            }

            Console.WriteLine($"{product} done");
        }

        await File.WriteAllLinesAsync(options.Get("out") ?? "probe.tsv", [Header, .. rows]);
        return 0;
    }

    private static IEnumerable<string> Probe(string product, ProductSnapshot s, RoiDefinition roi, AlignedSpatialSimilarity extractor,
        Dictionary<string, AlignedSpatialSimilarity> variants, EvaluationSettings settings, int loo, Dictionary<int, Mat> bests)
    {
        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        using var library = RoiLibrary.Load(Path.Combine(s.ProductFolder, "golden_rois", $"roi_{roi.Idx}"), size);
        var features = library.Captures.Select(c => c.Image is null ? null : extractor.Extract(c.Image)).ToList();
        var health = LibraryHealthCheck.Check(library, size, extractor, features);
        var split = LibrarySplit.Of(library, health.Select(h => h.File).ToHashSet(StringComparer.Ordinal));
        if (split.Taught.Count == 0 || library.Best?.Image is not { } reference)
        {
            yield break;
        }

        var index = library.Captures.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var taught = split.Taught.Select(c => (c.Name, Features: features[index[c.Name]]!)).ToList();
        var threshold = roi.AiThreshold ?? settings.DefaultThreshold;
        var scene = new BoardScene(size);
        var seed = settings.SeedFor(roi.Idx);
        using var turned = new Mat();
        Cv2.Rotate(reference, turned, RotateFlags.Rotate180);

        // Samples once: features, aligned NCC with the reference and its half turn, the taught golden left out (-1: none).
        var samples = new List<(string Kind, string Name, ImageFeatures Features, double N0, double N180, int LeftOut)>();
        void Add(string kind, string name, Mat image, ImageFeatures? known = null, int leftOut = -1) => samples.Add(
            (kind, name, known ?? extractor.Extract(image), ImageMeasures.AlignedNcc(image, reference), ImageMeasures.AlignedNcc(image, turned), leftOut));

        for (var k = 0; k < settings.GenuineRecipes.Count; k++)
        {
            using var crop = GenuineVariants.Render(scene, reference, settings.GenuineRecipes[k], seed + k);
            Add("genuine", settings.GenuineRecipes[k].Name, crop);
        }

        for (var k = 0; k < SparseLibraryCalibration.CaptureVariation.Count; k++)
        {
            using var crop = GenuineVariants.Render(scene, reference, SparseLibraryCalibration.CaptureVariation[k], seed + 500 + k);
            Add("capture-variation", SparseLibraryCalibration.CaptureVariation[k].Name, crop);
        }

        foreach (var capture in settings.UnseenSample(split.Unseen))
        {
            Add("unseen", capture.Name, capture.Image!, features[index[capture.Name]]);
        }

        for (var i = 0; i < Math.Min(loo, taught.Count) && taught.Count > 1; i++)
        {
            Add("loo", taught[i].Name, split.Taught[i].Image!, taught[i].Features, leftOut: i);
        }

        var others = bests.Where(b => b.Key != roi.Idx).OrderBy(b => b.Key).Select(b => ($"best of {b.Key}", b.Value)).ToList();
        var wrongParts = WrongPartPicker.Pick(reference, others, settings.WrongPartMaxNcc, settings.MaxWrongParts);
        var (defects, _) = DefectGenerator.Build(scene, reference, wrongParts, seed + 1000);
        foreach (var defect in defects)
        {
            Add(defect.Kind, defect.Name, defect.Crop);
            defect.Crop.Dispose();
        }

        foreach (var wrong in wrongParts)
        {
            wrong.Image.Dispose();
        }

        foreach (var (variant, method) in variants)
        {
            var full = new TaughtLibrary(method, taught, threshold, split.Taught[0].Image);
            foreach (var sample in samples)
            {
                var goldens = sample.LeftOut < 0 ? taught : taught.Where((_, j) => j != sample.LeftOut).ToList();
                var scorer = sample.LeftOut < 0 ? full : new TaughtLibrary(method, goldens, threshold, split.Taught[sample.LeftOut == 0 ? 1 : 0].Image);
                var verdict = scorer.Score(sample.Features);
                // Signals of the closest golden only: the verdict already scored every pair once.
                var deciding = goldens.FirstOrDefault(g => g.Name == verdict.BestGolden).Features ?? goldens[0].Features;
                var b = method.Explain(sample.Features, deciding);
                var work = (AlignedImageFeatures)sample.Features.Detail!;
                yield return string.Join('\t',
                    variant, product, roi.Idx.ToString("D2", CultureInfo.InvariantCulture), F(threshold), sample.Kind, sample.Name,
                    F(verdict.Best), verdict.Passed ? "1" : "0", verdict.DecidingGolden, goldens.Count.ToString(CultureInfo.InvariantCulture),
                    F(b.Alignment.Dx / (double)work.Width), F(b.Alignment.Dy / (double)work.Height), F(b.Alignment.Correlation),
                    F(b.StructureMean), F(b.StructureWorstBlock), F(b.DeepMean), F(b.DeepWorstBlock), F(b.Raw),
                    F(b.Placement.Dx), F(b.Placement.Dy), F(b.Placement.InsideNcc), F(b.Placement.OutsideNcc), b.Placement.Displaced ? "1" : "0",
                    F(sample.N0), F(sample.N180));
            }
        }
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}
