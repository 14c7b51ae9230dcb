using System.Globalization;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Products;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace Aoi.Benchmarks;

/// <summary>
/// Why a compare ROI judges its captures as it does: every capture of one ROI against a model of the others
/// (leave-one-out), with the similarity, the defect and every check's value and limit — what an engineer needs to see
/// before changing a library or a threshold.
/// </summary>
public sealed class ExplainCommand : IBenchmarkCommand
{
    public string Name => "explain";

    public string Usage => "--product P --roi IDX [--method configured|previous|baseline|classical] [--nuisance | --defects] [--data <feyes-products>]";

    public Task<int> RunAsync(string[] args)
    {
        var nuisance = args.Contains("--nuisance");
        var defects = args.Contains("--defects");
        var options = new CommandLine(args.Where(a => a is not "--nuisance" and not "--defects").ToArray(), "product", "roi", "method", "data");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null || options.Get("product") is not { } product || !int.TryParse(options.Get("roi"), out var idx))
        {
            Console.Error.WriteLine($"usage: explain {Usage}");
            return Task.FromResult(1);
        }

        using var services = AccuracyCommand.BuildServices(data);
        var snapshot = services.GetRequiredService<ProductConfigStore>().LoadSnapshot(product).Snapshot
                       ?? throw new ArgumentException($"product {product} cannot be loaded");
        var roi = snapshot.Rois.Single(r => r.Idx == idx);
        var judge = new EvaluationMethodChoice(services.GetRequiredService<CompareMethodSelector>()).For(options.Get("method") ?? EvaluationMethod.Configured)!(roi);
        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        using var library = RoiLibrary.Load(Path.Combine(snapshot.ProductFolder, "golden_rois", $"roi_{idx}"), size);
        var usable = library.Captures.Where(c => c.Image is not null).ToList();
        var threshold = roi.AiThreshold ?? 0.9;
        // A model of the taught half (best_golden.jpg and every other clean capture), as the benchmark builds it.
        LibraryModel TaughtModel()
        {
            var suspects = LibraryHealthCheck.Check(library, size).Select(x => x.File).ToHashSet();
            return judge.Build(size, LibrarySplit.Of(library, suspects).Taught.Select(c => new GoldenImage(c.Name, c.Image!)).ToList());
        }

        if (defects)
        {
            // The benchmark's synthetic defects, the beyond-spec kinds included.
            var model = TaughtModel();
            var (crops, _) = DefectGenerator.Build(new BoardScene(size), library.Best!.Image!, [], new EvaluationSettings().DefectSeedFor(idx), beyondSpec: true);
            foreach (var crop in crops)
            {
                Print(crop.Name, judge.Judge(model, crop.Crop, threshold), model, threshold);
                crop.Crop.Dispose();
            }

            return Task.FromResult(0);
        }

        if (nuisance)
        {
            // The benchmark's genuine variants of best_golden.jpg.
            var model = TaughtModel();
            var scene = new BoardScene(size);
            var settings = new EvaluationSettings();
            var seed = settings.SeedFor(idx);
            for (var k = 0; k < settings.GenuineRecipes.Count; k++)
            {
                using var crop = GenuineVariants.Render(scene, library.Best!.Image!, settings.GenuineRecipes[k], seed + k);
                Print(settings.GenuineRecipes[k].Name, judge.Judge(model, crop, threshold), model, threshold);
                if (Environment.GetEnvironmentVariable("AOI_EXPLAIN_ALIGN") == "1")
                {
                    var extractor = services.GetRequiredService<Aoi.Grains.Engines.Compare.Patches.PatchFeatureExtractor>();
                    var a = extractor.Extract(crop, size);
                    var r = extractor.Extract(library.Best!.Image!, size);
                    Console.WriteLine($"    align {Aoi.Grains.Engines.Compare.Patches.PatchMemory.Align(a, r)} grey {a.GreyWidth}x{a.GreyHeight} grid {a.GridWidth}x{a.GridHeight}");
                }
            }

            return Task.FromResult(0);
        }

        foreach (var capture in usable)
        {
            var others = usable.Where(c => c != capture).Select(c => new GoldenImage(c.Name, c.Image!)).ToList();
            if (others.Count == 0)
            {
                continue;
            }

            var model = judge.Build(size, others);
            Print(capture.Name, judge.Judge(model, capture.Image!, threshold), model, threshold);
        }

        return Task.FromResult(0);
    }

    private static void Print(string name, CompareJudgement j, LibraryModel model, double threshold)
    {
        var checks = string.Join(" ", j.Checks.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}={c.Value:F3}/{c.Limit:F3}{(c.Passed ? "" : "!")}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} sim {j.Similarity:F3} {(j.Similarity >= threshold ? "pass" : "FAIL")} {j.Defect ?? "-",-14} {checks} closest {model.Goldens[j.ClosestGolden]}"));
        foreach (var e in model.Excluded)
        {
            Console.WriteLine($"    model leaves out {e.Name}: {e.Reason}");
        }
    }
}
