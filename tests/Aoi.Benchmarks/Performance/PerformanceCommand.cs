using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// Issue 4 item 4, measured side by side in one run and written to docs/benchmarks/performance.md: per-engine time per
/// ROI, end-to-end HTTP inspections of every real product split into decode / ROI phase / response, parallel
/// efficiency, grain fan-out vs Parallel.ForEachAsync, throughput with 1–8 clients, memory by decode gate, first
/// inspection after start vs warm.
/// </summary>
public sealed class PerformanceCommand : IBenchmarkCommand
{
    public string Name => "performance";

    public string Usage => "[--quick true] [--products a,b] [--out docs/benchmarks/performance.md] [--data <feyes-products>]";

    public async Task<int> RunAsync(string[] args)
    {
        // "--quick" alone is the documented form; CommandLine wants a value, so accept it bare too.
        var quick = args.Contains("--quick");
        var options = new CommandLine(args.Where(a => a != "--quick").ToArray(), "products", "out", "data");
        var data = DatasetLocator.Find(options.Get("data"));
        if (data is null)
        {
            Console.Error.WriteLine("product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        var products = options.Get("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? Directory.GetDirectories(data).Select(Path.GetFileName).OfType<string>()
                .Where(p => File.Exists(Path.Combine(data, p, $"rois_config_{p}.json"))).Order(StringComparer.Ordinal).ToArray();
        var output = Path.GetFullPath(options.Get("out") ?? Path.Combine("docs", "benchmarks", "performance.md"));
        var settings = quick
            ? new { Repetitions = 2, PerClient = 1, Rounds = 2, EngineRepetitions = 2, MaxCrops = 8 }
            : new { Repetitions = 6, PerClient = 4, Rounds = 7, EngineRepetitions = 5, MaxCrops = 30 };

        var results = new PerformanceResults
        {
            Machine = MachineInfo.Describe(),
            Command = ("dotnet run -c Release --project tests/Aoi.Benchmarks -- performance " + string.Join(' ', args)).Trim(),
            Date = DateTimeOffset.Now,
            Quick = quick,
        };
        var total = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        void EndPhase(string name)
        {
            results.Phases.Add((name, ProcessStats.LoadAverage(), phase.Elapsed));
            Console.WriteLine($"[{total.Elapsed.TotalSeconds,5:F0} s] {name} done (load average {ProcessStats.LoadAverage()})");
            phase.Restart();
        }

        Console.WriteLine($"load average at start: {ProcessStats.LoadAverage()}");
        using var workspace = new Workspace(data, products);
        var boards = products.Select(p => RealBoards.Build(workspace.Snapshot(p), workspace.BoardFolder)).ToList();
        var big = boards.Where(b => b.EnabledRois.Count() is >= 16 and <= 30).ToList();
        if (big.Count == 0)
        {
            big = boards;
        }

        EndPhase("boards built");

        await using (var silo = await InProcessSilo.StartAsync(workspace))
        {
            var engines = new EngineTimings(silo.Services.GetServices<IRoiEvaluator>(), settings.EngineRepetitions, settings.MaxCrops);
            results.Engines.AddRange(await engines.MeasureAsync(boards));
            foreach (var e in results.Engines)
            {
                Console.WriteLine($"  {e.Case}: median {e.MedianMs:F1} ms over {e.Crops} crops ({e.Outcome})");
            }

            EndPhase("per-engine timings");
            var fanOut = new FanOutBenchmark(silo.Services.GetRequiredService<IGrainFactory>(),
                silo.Services.GetRequiredService<RoiProcessor>(), workspace, settings.Rounds);
            foreach (var board in big)
            {
                var f = await fanOut.MeasureAsync(board);
                results.FanOut.Add(f);
                Console.WriteLine($"  {f.Product}: grains {f.GrainMs:F1} ms (area order {f.GrainAreaOrderMs:F1}), Parallel.ForEachAsync {f.PlainMs:F1} ms, " +
                                  $"overhead {100 * f.Overhead:F1} %, efficiency {f.Efficiency(Environment.ProcessorCount):F2}");
            }

            EndPhase("fan-out overhead (in process)");
        }

        var http = new HttpBenchmark(workspace, settings.Repetitions, settings.PerClient, Console.WriteLine);
        await using (var server = await ServerProcess.StartAsync(workspace, "main", [], CancellationToken.None))
        {
            results.ServerStartMs = server.StartMs;
            var first = boards.FirstOrDefault(b => b.Product == "20003548") ?? big[0];
            results.FirstProduct = first.Product;
            using (var client = AoiHttp.CreateClient(server.Url))
            {
                var api = new AoiHttp(client);
                var session = await api.CreateSessionAsync(first.Product, "bench-first", CancellationToken.None);
                results.FirstInspectionMs = (await api.InspectPathAsync(session, workspace.ClientPath(first.GoodFile), CancellationToken.None)).WallMs;
                var warm = new List<double>();
                for (var i = 0; i < settings.Repetitions; i++)
                {
                    warm.Add((await api.InspectPathAsync(session, workspace.ClientPath(first.GoodFile), CancellationToken.None)).WallMs);
                }

                results.WarmInspectionMs = Stats.Median(warm);
                await api.CloseAsync(session, CancellationToken.None);
            }

            EndPhase("first inspection after start");
            results.Products.AddRange(await http.PerProductAsync(server, boards));
            EndPhase("end to end per product (HTTP)");
            foreach (var clients in new[] { 1, 2, 4, 8 })
            {
                var t = await http.ThroughputAsync(server, big, clients);
                results.Throughput.Add(t);
                Console.WriteLine($"  {clients} clients: {t.PerSecond:F2} inspections/s, CPU {100 * t.CpuUtilisation:F0} %, median {t.MedianMs:F0} ms, errors {t.Errors}");
            }

            EndPhase("throughput 1/2/4/8 clients");
        }

        foreach (var (label, gate) in new (string, int?)[] { ("1", 1), ("2 (default)", 2), ("unbounded (64)", null) })
        {
            var m = await http.MemoryAsync(label, gate, big);
            results.Memory.Add(m);
            Console.WriteLine($"  gate {label}: peak {m.PeakRssMiB:F0} MiB (sampled {m.PeakSampledRssMiB:F0}), first {m.FirstInspectionMs:F0} ms, warm {m.WarmMedianMs:F0} ms");
        }

        EndPhase("memory by decode gate");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, PerformanceReport.Write(results));
        Console.WriteLine($"wrote {output} in {total.Elapsed.TotalMinutes:F1} min");
        return 0;
    }
}
