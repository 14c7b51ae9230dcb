using System.Diagnostics;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Benchmarks;

/// <summary>
/// The spec 3.6 accuracy protocol over the real products, written as docs/benchmarks/accuracy.md: the pooled-cosine
/// baseline and the configured deep method (what the server routes "mobilenet" to) side by side, the classical method
/// separately. All three share one library-health split (checked with the configured method) so they face the same
/// taught and unseen captures.
/// </summary>
public sealed class AccuracyCommand : IBenchmarkCommand
{
    public string Name => "accuracy";

    public string Usage => "[--products a,b] [--out docs/benchmarks/accuracy.md] [--notes docs/benchmarks/accuracy-notes.md] [--data <feyes-products>] [--parallel N] [--max-unseen N] [--tuning knob=value,...]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "products", "out", "notes", "data", "parallel", "max-unseen", "tuning");
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
        };

        using var services = BuildServices(data);
        var store = services.GetRequiredService<ProductConfigStore>();
        var products = options.Get("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. store.ListProducts()];

        var baseline = services.GetRequiredService<DeepPooledSimilarity>();
        var configured = options.Get("tuning") is { } knobs
            ? new AlignedSpatialSimilarity(services.GetRequiredService<ResNet18Model>(), TuningArgument.Parse(knobs))
            : services.GetRequiredService<SimilarityMethodSelector>().For("mobilenet");
        var classical = services.GetRequiredService<OpponentSiftSimilarity>();
        services.GetRequiredService<ResNet18Model>().EnsureLoaded();

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
                runs.Add(new ProductRun(product, null, null, null));
                Console.WriteLine($"{product}: no compare ROI");
                continue;
            }

            // The configured method checks the library once; the other methods reuse its suspects, hence its split.
            var c = await Run(evaluator, s, configured, EvaluationMethod.Configured, null);
            var suspects = c.Rois.ToDictionary(r => r.RoiId, r => (IReadOnlyList<SuspectGolden>)r.SuspectGoldens);
            var known = (Func<RoiDefinition, IReadOnlyList<SuspectGolden>?>)(roi => suspects[roi.Idx]);
            var b = ReferenceEquals(configured, baseline) ? c with { Method = EvaluationMethod.Baseline }
                : await Run(evaluator, s, baseline, EvaluationMethod.Baseline, known);
            var k = await Run(evaluator, s, classical, EvaluationMethod.Classical, known);
            runs.Add(new ProductRun(product, b, c, k));
        }

        var command = "dotnet run -c Release --project tests/Aoi.Benchmarks -- accuracy " + string.Join(' ', args);
        var report = AccuracyReport.Write(new AccuracyReport.Context(
            $"{MachineInfo.Describe()}; load average {loadBefore} at start, {MachineInfo.LoadAverage()} at end", command.Trim(), DateTimeOffset.Now, settings, baseline.Name, configured.Name, classical.Name,
            ReferenceEquals(configured, baseline), total.Elapsed), runs);
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

    private static async Task<ProductEvaluation> Run(LibraryEvaluator evaluator, ProductSnapshot product, ISimilarityMethod method,
        string label, Func<RoiDefinition, IReadOnlyList<SuspectGolden>?>? knownSuspects)
    {
        var result = await evaluator.EvaluateAsync(product, _ => method, label, knownSuspects);
        var t = result.Totals;
        Console.WriteLine($"{product.ProductName} {label,-10} ({method.Name}): genuine {Percent(t.GenuinePassRate)}, unseen {Percent(t.UnseenPassRate)}, " +
                          $"escapes {t.Escapes}/{t.DefectCount}, false calls {t.FalseCalls}, {t.ElapsedMs / 1000:F1} s");
        return result;
    }

    private static string Percent(double? rate) => rate is { } r ? $"{100 * r:F1} %" : "n/a";

    internal static ServiceProvider BuildServices(string productRoot)
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>().Configure(o =>
        {
            o.ProductRoot = productRoot;
            o.DataRoot = Path.GetTempPath();
        });
        services.AddSingleton<AoiPaths>();
        services.AddSingleton<ProductConfigStore>();
        services.AddCompareEngine();
        return services.BuildServiceProvider();
    }
}
