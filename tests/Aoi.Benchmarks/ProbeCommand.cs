using System.Collections.Concurrent;
using System.Globalization;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace Aoi.Benchmarks;

/// <summary>
/// Method engineer's probe: the spec 3.6 samples of every compare ROI (genuine nuisance, unseen captures, defects),
/// each with the breakdown of its best pair against the taught half and the library score, as a TSV for analysis.
/// </summary>
public sealed class ProbeCommand : IBenchmarkCommand
{
    public string Name => "probe";

    public string Usage => "[--products a,b] [--out probe.tsv] [--data <feyes-products>] [--max-unseen N]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "products", "out", "data", "max-unseen", "variants");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found");
            return 1;
        }

        var settings = new EvaluationSettings { MaxUnseenPerRoi = int.TryParse(options.Get("max-unseen"), out var u) ? u : 4 };
        using var provider = AccuracyCommand.BuildServices(data);
        var store = provider.GetRequiredService<ProductConfigStore>();
        var method = (AlignedSpatialSimilarity)provider.GetRequiredService<SimilarityMethodSelector>().For("mobilenet");
        var model = provider.GetRequiredService<ResNet18Model>();
        var all = new Dictionary<string, AlignedSpatialSimilarity>
        {
            ["v1"] = new(model, new AlignedSpatialTuning(CheckPlacement: false)),
            ["place"] = new(model, new AlignedSpatialTuning()),
            ["place16"] = new(model, new AlignedSpatialTuning(SearchFraction: 0.16)),
            ["place20"] = new(model, new AlignedSpatialTuning(SearchFraction: 0.20)),
            ["floor65"] = new(model, new AlignedSpatialTuning(LibraryPairFloor: 0.65)),
            ["floor70"] = new(model, new AlignedSpatialTuning(LibraryPairFloor: 0.70)),
            ["floor75"] = new(model, new AlignedSpatialTuning(LibraryPairFloor: 0.75)),
            ["k5"] = new(model, new AlignedSpatialTuning(LibraryNeighbours: 5)),
            ["floor55"] = new(model, new AlignedSpatialTuning(LibraryPairFloor: 0.55)),
            ["floor60"] = new(model, new AlignedSpatialTuning(LibraryPairFloor: 0.60)),
            ["k8"] = new(model, new AlignedSpatialTuning(LibraryNeighbours: 8)),
            ["k12"] = new(model, new AlignedSpatialTuning(LibraryNeighbours: 12)),
        };
        var variants = (options.Get("variants") ?? "v1,place").Split(',').ToDictionary(v => v, v => all[v]);
        var products = options.Get("products")?.Split(',') ?? [.. store.ListProducts()];
        var rows = new ConcurrentBag<string>();
        foreach (var product in products)
        {
            var s = store.LoadSnapshot(product).Snapshot!;
            var rois = s.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled).ToList();
            var bests = rois.ToDictionary(r => r.Idx, r => Cv2.ImRead(Path.Combine(s.ProductFolder, "golden_rois", $"roi_{r.Idx}", "best_golden.jpg")));
            await Parallel.ForEachAsync(rois, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (roi, _) =>
            {
                Probe(product, s, roi, method, variants, settings, bests, rows);
                return ValueTask.CompletedTask;
            });
            Console.WriteLine($"{product} done");
        }

        var header = "variant\tproduct\troi\tt\tkind\tname\tdx\tdy\tncc\tsmean\tsworst\tdmean\tdworst\traw\tpair\tlib\tfinal\tpass\tntaught\tn0\tn180\tpdx\tpdy\tpin\tpout\tdisp\tfinal0\tdref\tdcount";
        await File.WriteAllLinesAsync(options.Get("out") ?? "probe.tsv", [header, .. rows.OrderBy(r => r, StringComparer.Ordinal)]);
        return 0;
    }

    private static void Probe(string product, ProductSnapshot s, RoiDefinition roi, AlignedSpatialSimilarity method,
        Dictionary<string, AlignedSpatialSimilarity> variants, EvaluationSettings settings, Dictionary<int, Mat> bests, ConcurrentBag<string> rows)
    {
        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        using var library = RoiLibrary.Load(Path.Combine(s.ProductFolder, "golden_rois", $"roi_{roi.Idx}"), size);
        var features = library.Captures.Select(c => c.Image is null ? null : method.Extract(c.Image)).ToList();
        var health = LibraryHealthCheck.Check(library, size, method, features);
        var split = LibrarySplit.Of(library, health.Select(h => h.File).ToHashSet());
        var index = library.Captures.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var taughtAll = split.Taught.Select(c => features[index[c.Name]]!).ToList();
        var threshold = roi.AiThreshold ?? 0.9;
        var reference = library.Best!.Image!;
        var scene = new BoardScene(size);
        var seed = settings.SeedFor(roi.Idx);

        using var turnedBest = new Mat();
        Cv2.Rotate(reference, turnedBest, RotateFlags.Rotate180);

        void Row(string kind, string name, ImageFeatures f, Mat? image = null, IReadOnlyList<ImageFeatures>? against = null)
        {
            var taught = against ?? taughtAll;
            var n0 = image is null ? double.NaN : ImageMeasures.AlignedNcc(image, reference);
            var n180 = image is null ? double.NaN : ImageMeasures.AlignedNcc(image, turnedBest);
            foreach (var (variant, m) in variants)
            {
            var pairs = taught.Select(g => m.Explain(f, g)).ToList();
            var best = pairs.MaxBy(p => p.Similarity)!;
            var lib = taught.Count > 1 ? m.ScoreLibrary(f, taught) : double.NaN;
            var final = best.Similarity >= threshold || double.IsNaN(lib) ? best.Similarity : Math.Max(best.Similarity, lib);
            var final0 = final;
            var displaced = PlacementRule.IsDisplaced(m, f, taught);
            var displacedCount = taught.Count(g => m.IsDisplacedFrom(f, g));
            final = displaced ? Math.Min(final, PlacementCheck.DisplacedSimilarity) : final;
            var placement = displaced ? new Placement(0, 0, 0, 0, true) : best.Placement;
            rows.Add(string.Join('\t', variant, product, roi.Idx.ToString("D2"), F(threshold), kind, name,
                F(best.Alignment.Dx / (double)((AlignedImageFeatures)f.Detail!).Width), F(best.Alignment.Dy / (double)((AlignedImageFeatures)f.Detail!).Height),
                F(best.Alignment.Correlation), F(best.StructureMean), F(best.StructureWorstBlock), F(best.DeepMean), F(best.DeepWorstBlock),
                F(best.Raw), F(best.Similarity), F(lib), F(final), final >= threshold ? "1" : "0", taught.Count.ToString(), F(n0), F(n180), F(placement.Dx), F(placement.Dy), F(placement.InsideNcc), F(placement.OutsideNcc), placement.Displaced ? "1" : "0", F(final0), displaced ? "1" : "0", displacedCount.ToString()));
            }
        }

        for (var k = 0; k < settings.GenuineRecipes.Count; k++)
        {
            using var crop = GenuineVariants.Render(scene, reference, settings.GenuineRecipes[k], seed + k);
            Row("genuine", settings.GenuineRecipes[k].Name, method.Extract(crop));
        }

        GenuineRecipe[] augmentations =
        [
            new("aug +10%x blur 1.2", ShiftX: 0.10, BlurSigma: 1.2),
            new("aug -10%y blur 1.2", ShiftY: -0.10, BlurSigma: 1.2),
            new("aug +8%x+8%y gain 0.9 blur 1.0 jpeg 85", 0.08, 0.08, 0.9, 0, 1.0, 3, 85),
            new("aug -8%x+8%y blur 1.5", -0.08, 0.08, BlurSigma: 1.5),
            new("aug +6%x-10%y gain 1.1 blur 0.8", 0.06, -0.10, 1.1, 0, 0.8),
            new("aug -12%x blur 1.0 noise 4", ShiftX: -0.12, BlurSigma: 1.0, NoiseSigma: 4),
        ];
        for (var k = 0; k < augmentations.Length; k++)
        {
            using var crop = GenuineVariants.Render(scene, reference, augmentations[k], seed + 500 + k);
            Row("selfaug", augmentations[k].Name, method.Extract(crop));
        }

        var unseen = split.Unseen;
        var max = settings.MaxUnseenPerRoi;
        var chosen = max <= 0 || unseen.Count <= max ? unseen : Enumerable.Range(0, max).Select(k => unseen[k * unseen.Count / max]).ToList();
        foreach (var c in chosen)
        {
            Row("unseen", c.Name, features[index[c.Name]]!, c.Image);
        }

        // Leave-one-out within the taught half: how the library's own captures score against the rest of it.
        for (var i = 0; i < Math.Min(split.Taught.Count, Environment.GetEnvironmentVariable("PROBE_LOO") == "1" ? 12 : 0) && split.Taught.Count > 1; i++)
        {
            var others = taughtAll.Where((_, j) => j != i).ToList();
            Row("loo", split.Taught[i].Name, taughtAll[i], split.Taught[i].Image, others);
        }

        var otherBests = bests.Where(b => b.Key != roi.Idx).OrderBy(b => b.Key).Select(b => ($"best of {b.Key}", b.Value)).ToList();
        var wrong = WrongPartPicker.Pick(reference, otherBests, settings.WrongPartMaxNcc, settings.MaxWrongParts);
        var (defects, _) = DefectGenerator.Build(scene, reference, wrong, seed + 1000);
        foreach (var d in defects)
        {
            Row(d.Kind, d.Name, method.Extract(d.Crop), d.Crop);
            d.Crop.Dispose();
        }
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}
