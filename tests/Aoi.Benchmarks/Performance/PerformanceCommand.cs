using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Patches;
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
    /// <summary>8-client bursts after the first, per server.</summary>
    private const int LaterBursts = 3;

    /// <summary>The product whose first inspection after a start is measured (16 ROIs, all four types).</summary>
    public const string FirstInspectionProduct = "20003548";

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
            ? new { Repetitions = 2, PerClient = 2, Rounds = 2, EngineRepetitions = 2, MaxCrops = 8, ImageRepetitions = 2, Versus = 2, Faithful = 1 }
            : new { Repetitions = 6, PerClient = 4, Rounds = 7, EngineRepetitions = 5, MaxCrops = 30, ImageRepetitions = 5, Versus = 4, Faithful = 1 };

        var results = new PerformanceResults
        {
            Machine = MachineInfo.Describe(),
            // Server settings given to this command's environment reach every server it starts: they are part of the command.
            Command = (string.Concat(Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("Aoi__", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(k => $"{k}={Environment.GetEnvironmentVariable(k)} "))
                + "dotnet run -c Release --project tests/Aoi.Benchmarks -- performance " + string.Join(' ', args)).Trim(),
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
        var imagePath = new ImagePathBenchmark(settings.ImageRepetitions);
        foreach (var board in big)
        {
            var f = imagePath.Measure(board);
            results.ImagePath.Add(f);
            Console.WriteLine($"  {f.Product}: {f.Megabytes:F1} MB, full decode + cut {f.FullDecodeCutMs:F0} ms, region {f.RegionCutMs:F0} ms, " +
                              $"entropy floor {f.EntropyFloorMs:F0} ms, identical crops {f.IdenticalCrops}/{f.Rois}");
        }

        EndPhase("image path (in process)");

        await using (var silo = await InProcessSilo.StartAsync(workspace))
        {
            var engines = new EngineTimings(silo.Services.GetServices<IRoiEvaluator>(), settings.EngineRepetitions, settings.MaxCrops);
            results.Engines.AddRange(await engines.MeasureAsync(boards));
            foreach (var e in results.Engines)
            {
                Console.WriteLine($"  {e.Case}: median {e.MedianMs:F1} ms over {e.Crops} crops ({e.Outcome})");
            }

            EndPhase("per-engine timings");
            results.ModelStore.AddRange(new ModelStoreBenchmark(silo.Services.GetRequiredService<PatchLibraryJudge>(), workspace.Sub("model-store"),
                Math.Min(3, settings.EngineRepetitions)).Measure(boards, workspace.Snapshot));
            foreach (var m in results.ModelStore)
            {
                Console.WriteLine($"  {m.Case}: median {m.MedianMs:F1} ms over {m.Crops} ROIs ({m.Outcome})");
            }

            EndPhase("compare models built and read from the store");
            if ((await SeedPeer.MissingAsync()).Count == 0)
            {
                results.ModelStages.AddRange(await new ModelStageBenchmark(settings.EngineRepetitions).MeasureAsync(workspace.Sub("model-variants"), big));
                foreach (var m in results.ModelStages)
                {
                    Console.WriteLine($"  {m.Case}: median {m.MedianMs:F1} ms per crop ({m.Outcome})");
                }

                EndPhase("model stages and batches (ONNX Runtime)");
            }
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
        var firstBoard = boards.FirstOrDefault(b => b.Product == FirstInspectionProduct) ?? big[0];
        results.FirstInspection = await new FirstInspectionBenchmark(workspace, settings.Repetitions, Console.WriteLine).MeasureAsync(firstBoard);
        EndPhase("first inspection after start");
        await using (var server = await ServerProcess.StartAsync(workspace, "main", [], CancellationToken.None))
        {
            // Measured once the start-up warm-up is done, so it does not take the cores from the first product's figures.
            using (var client = AoiHttp.CreateClient(server.Url))
            {
                await new AoiHttp(client).WaitInitializedAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
            }

            results.Products.AddRange(await http.PerProductAsync(server, boards));
            EndPhase("end to end per product (HTTP)");
            foreach (var clients in new[] { 1, 2, 4, 8 })
            {
                var t = await http.ThroughputAsync(server, big, clients);
                results.Throughput.Add(t);
                Console.WriteLine($"  {clients} clients: {t.PerSecond:F2} inspections/s, CPU {100 * t.CpuUtilisation:F0} %, median {t.MedianMs:F0} ms, errors {t.Errors}");
            }

            EndPhase("throughput 1/2/4/8 clients");
            await VersusSeedDesignAsync(results, workspace, http, server, big, settings.Versus, settings.Faithful, settings.PerClient);
            EndPhase("versus the seed-design peers");
        }

        foreach (var (label, gate) in new (string, int?)[] { ("1", 1), ("2 (default)", 2), ("unbounded (64)", null) })
        {
            var m = await http.MemoryAsync(label, gate, big);
            results.Memory.Add(m);
            Console.WriteLine($"  gate {label}: peak {m.PeakRssMiB:F0} MiB (sampled {m.PeakSampledRssMiB:F0}), first {m.FirstInspectionMs:F0} ms, warm {m.WarmMedianMs:F0} ms");
        }

        EndPhase("memory by decode gate");
        foreach (var line in PerformanceReport.Headline(results))
        {
            Console.WriteLine("  " + line);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, PerformanceReport.Write(results));
        Console.WriteLine($"wrote {output} in {total.Elapsed.TotalMinutes:F1} min");
        return 0;
    }

    /// <summary>
    /// The seed-design peers (<see cref="SeedPeer"/>), lean and faithful, on the same boards through the same client,
    /// product by product right after this server; then the lean peer under 8 clients like this server's throughput row.
    /// </summary>
    private static async Task VersusSeedDesignAsync(PerformanceResults results, Workspace workspace, HttpBenchmark http, ServerProcess server,
        IReadOnlyList<BoardSet> boards, int measured, int faithfulMeasured, int perClient)
    {
        var missing = await SeedPeer.MissingAsync();
        if (missing.Count > 0)
        {
            results.PeerProblem = "not measured: missing " + string.Join("; ", missing);
            Console.WriteLine("  seed-design peers " + results.PeerProblem);
            return;
        }

        results.ModelCheck = await CheckPeerModelAsync(boards);
        Console.WriteLine($"  peer torch vs ONNX Runtime features on {results.ModelCheck.Pictures} goldens: min cosine {results.ModelCheck.MinCosine:F6}, " +
                          $"max |difference| {results.ModelCheck.MaxAbsDifference:G3}");
        await using var lean = await SeedPeer.StartAsync(workspace, "lean", CancellationToken.None);
        await using var faithful = await SeedPeer.StartAsync(workspace, "faithful", CancellationToken.None);
        foreach (var board in boards)
        {
            var ours = await http.WarmAsync(server, board, 1, measured);
            var leanFigure = await http.WarmAsync(lean, board, 1, measured);
            var faithfulFigure = await http.WarmAsync(faithful, board, 0, faithfulMeasured);
            var v = new VersusFigure(board.Product, board.EnabledRois.Count(), ours, leanFigure, faithfulFigure);
            results.Versus.Add(v);
            Console.WriteLine($"  {v.Product}: this server {ours.MedianMs:F0} ms, lean peer {leanFigure.MedianMs:F0} ms (×{v.LeanRatio:F2}), " +
                              $"faithful peer {faithfulFigure.MedianMs:F0} ms (×{v.FaithfulRatio:F2})");
        }

        results.LeanThroughput = await http.ThroughputAsync(lean, boards, 8);
        Console.WriteLine($"  lean peer, 8 clients: {results.LeanThroughput.PerSecond:F2} inspections/s, errors {results.LeanThroughput.Errors}");

        // A line server runs for days: the first burst comes minutes after start, while .NET still re-compiles hot code
        // (builds-tiered-pgo.md), so a few more bursts, the two servers taking turns, show the settled figure too.
        for (var burst = 0; burst < LaterBursts; burst++)
        {
            var ours = await http.ThroughputAsync(server, boards, 8);
            var theirs = await http.ThroughputAsync(lean, boards, 8);
            results.LaterBursts.Add((ours, theirs));
            Console.WriteLine($"  8 clients, burst {burst + 2}: this server {ours.PerSecond:F2}, lean peer {theirs.PerSecond:F2} inspections/s");
        }
    }

    /// <summary>The peer's pooled features equal ONNX Runtime's: a few goldens of the boards' products through both.</summary>
    private static async Task<ModelCheckFigure> CheckPeerModelAsync(IReadOnlyList<BoardSet> boards)
    {
        var pictures = boards.SelectMany(b => b.EnabledRois.Where(r => r.Type == RoiDefinition.Compare)
                .Select(r => Path.Combine(b.Snapshot.ProductFolder, "golden_rois", $"roi_{r.Idx}", "best_golden.jpg")))
            .Where(File.Exists).Take(6).ToList();
        var peer = await SeedPeer.FeaturesAsync(pictures);
        using var model = new ResNet18Model(SeedPeer.Models);
        var minCosine = 1.0;
        var maxDifference = 0.0;
        for (var i = 0; i < pictures.Count; i++)
        {
            using var image = OpenCvSharp.Cv2.ImRead(pictures[i], OpenCvSharp.ImreadModes.Color);
            var ours = model.Featurize(image);
            minCosine = Math.Min(minCosine, CosineSimilarity.Compute(ours, peer[i]));
            maxDifference = Math.Max(maxDifference, ours.Zip(peer[i]).Max(p => Math.Abs(p.First - p.Second)));
        }

        return new ModelCheckFigure(pictures.Count, minCosine, maxDifference);
    }
}
