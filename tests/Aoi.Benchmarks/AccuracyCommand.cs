using System.Diagnostics;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Benchmarks;

/// <summary>
/// The spec 3.6 accuracy protocol over the real products, written as docs/benchmarks/accuracy.md: the configured deep
/// method (what the server routes "mobilenet" to), the previous one (v2) and the legacy pooled-cosine baseline side by
/// side in one run, optionally the classical method. All share one library-health split so they face the same taught,
/// held-out and leave-one-out captures.
/// </summary>
public sealed class AccuracyCommand : IBenchmarkCommand
{
    public string Name => "accuracy";

    public string Usage => "[--products a,b] [--out docs/benchmarks/accuracy.md] [--notes docs/benchmarks/accuracy-notes.md] [--data <feyes-products>] " +
                           "[--parallel N] [--max-unseen N] [--methods configured,previous,baseline,classical] [--beyond-spec] [--backbone Float32|Int8|Int8Screening]";

    public async Task<int> RunAsync(string[] args)
    {
        var beyondSpec = args.Contains("--beyond-spec");
        var options = new CommandLine(args.Where(a => a != "--beyond-spec").ToArray(), "products", "out", "notes", "data", "parallel", "max-unseen", "methods", "backbone");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        var output = Path.GetFullPath(options.Get("out") ?? Path.Combine("docs", "benchmarks", "accuracy.md"));
        var settings = new EvaluationSettings
        {
            MaxDegreeOfParallelism = int.TryParse(options.Get("parallel"), out var p) && p > 0 ? p : Environment.ProcessorCount,
            MaxUnseenPerRoi = int.TryParse(options.Get("max-unseen"), out var u) && u >= 0 ? u : 0,
            BeyondSpecDefects = beyondSpec,
        };

        if (!Enum.TryParse<BackbonePrecision>(options.Get("backbone") ?? nameof(BackbonePrecision.Int8Screening), ignoreCase: true, out var precision))
        {
            Console.Error.WriteLine($"unknown backbone {options.Get("backbone")}: one of {string.Join(", ", Enum.GetNames<BackbonePrecision>())}");
            return 1;
        }

        using var services = BuildServices(data, precision);
        var store = services.GetRequiredService<ProductConfigStore>();
        var products = options.Get("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. store.ListProducts()];
        var choice = new EvaluationMethodChoice(services.GetRequiredService<CompareMethodSelector>());
        var labels = (options.Get("methods") ?? $"{EvaluationMethod.Configured},{EvaluationMethod.Previous},{EvaluationMethod.Baseline}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var methods = new List<(string Label, Func<RoiDefinition, ILibraryJudge> For)>();
        foreach (var label in labels)
        {
            if (choice.For(label) is not { } judgeFor)
            {
                Console.Error.WriteLine($"unknown method {label}: one of {string.Join(", ", EvaluationMethod.All)}");
                return 1;
            }

            methods.Add((label, judgeFor));
        }

        services.GetRequiredService<ResNet18Model>().EnsureLoaded();
        services.GetRequiredService<ResNet18Backbone>().EnsureLoaded();

        var loadBefore = MachineInfo.LoadAverage();
        var evaluator = new LibraryEvaluator(settings);
        var runs = new List<ProductRun>();
        var total = Stopwatch.StartNew();
        foreach (var product in products)
        {
            var snapshot = store.LoadSnapshot(product);
            if (snapshot.Snapshot is not { } s)
            {
                Console.Error.WriteLine($"{product}: {(snapshot.NotFound ? "not found" : string.Join("; ", snapshot.ValidationErrors))}");
                return 1;
            }

            if (!s.Rois.Any(r => r.Type == RoiDefinition.Compare && r.Enabled))
            {
                runs.Add(new ProductRun(product, []));
                Console.WriteLine($"{product}: no compare ROI");
                continue;
            }

            // The first method checks the library once; the others reuse its suspects, hence its split.
            var evaluations = new List<ProductEvaluation>();
            Func<RoiDefinition, IReadOnlyList<SuspectGolden>?>? known = null;
            foreach (var (label, judgeFor) in methods)
            {
                var evaluation = await Run(evaluator, s, judgeFor, label, known);
                evaluations.Add(evaluation);
                if (known is null)
                {
                    var suspects = evaluation.Rois.ToDictionary(r => r.RoiId, r => (IReadOnlyList<SuspectGolden>)r.SuspectGoldens);
                    known = roi => suspects[roi.Idx];
                }
            }

            runs.Add(new ProductRun(product, evaluations));
        }

        if (services.GetRequiredService<PatchLibraryJudge>().ScreeningCounts is var (screened, rescored) && screened + rescored > 0)
        {
            Console.WriteLine($"int8 screening: {screened} scores decided on int8, {rescored} scored again on FP32 ({100.0 * rescored / (screened + rescored):F1} %)");
        }

        var command = "dotnet run -c Release --project tests/Aoi.Benchmarks -- accuracy " + string.Join(' ', args);
        var report = AccuracyReport.Write(new AccuracyReport.Context(
            $"{MachineInfo.Describe()}; load average {loadBefore} at start, {MachineInfo.LoadAverage()} at end", command.Trim(), DateTimeOffset.Now,
            settings, labels, total.Elapsed, services.GetRequiredService<ResNet18Backbone>().Variant), runs);
        // The method engineer's reading of the figures is kept in its own hand-written file and placed before the
        // generated tables, so the report stays generated and the reading travels with it.
        var notes = Path.GetFullPath(options.Get("notes") ?? Path.Combine("docs", "benchmarks", "accuracy-notes.md"));
        if (File.Exists(notes))
        {
            var at = report.IndexOf("## Summary", StringComparison.Ordinal);
            var reading = (await File.ReadAllTextAsync(notes)).TrimEnd() + "\n\n";
            report = at < 0 ? report + "\n" + reading : report[..at] + reading + report[at..];
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine($"wrote {output} in {total.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    private static async Task<ProductEvaluation> Run(LibraryEvaluator evaluator, ProductSnapshot product, Func<RoiDefinition, ILibraryJudge> judgeFor,
        string label, Func<RoiDefinition, IReadOnlyList<SuspectGolden>?>? knownSuspects)
    {
        var result = await evaluator.EvaluateAsync(product, judgeFor, label, knownSuspects);
        var t = result.Totals;
        var name = result.Rois.FirstOrDefault()?.MethodName ?? label;
        Console.WriteLine($"{product.ProductName} {label,-10} ({name}): genuine {Percent(t.GenuinePassRate)}, unseen {Percent(t.UnseenPassRate)} of {t.UnseenCount}, " +
                          $"held-out {AccuracyReport.Passed(result.Rois, r => r.HeldOut)}, escapes {t.Escapes}/{t.DefectCount}, false calls {t.FalseCalls}, {t.ElapsedMs / 1000:F1} s");
        return result;
    }

    private static string Percent(double? rate) => rate is { } r ? $"{100 * r:F1} %" : "n/a";

    internal static ServiceProvider BuildServices(string productRoot, BackbonePrecision precision = BackbonePrecision.Int8Screening)
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>().Configure(o =>
        {
            o.ProductRoot = productRoot;
            o.DataRoot = Path.GetTempPath();
            o.CompareBackbone = precision;
        });
        services.AddSingleton<AoiPaths>();
        services.AddSingleton<ProductConfigStore>();
        services.AddLogging();
        services.AddCompareEngine();
        return services.BuildServiceProvider();
    }
}
