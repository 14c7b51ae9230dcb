using System.Text;
using static System.Threading.CancellationToken;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// This checkout's server against another build of it (the previous design), side by side in one run: both real
/// <c>Aoi.Web</c> processes started on the same boards and left to finish their start-up warm-up, then per product
/// inspections alternating between them (which one goes first alternates too), so that whatever else the shared
/// machine does falls on both alike. Written to a markdown file with the machine, the command and the figures.
/// </summary>
public sealed class BuildComparisonCommand : IBenchmarkCommand
{
    public string Name => "builds";

    public string Usage => "--baseline <other checkout's src/Aoi.Web/bin/Release/net10.0/Aoi.Web.dll> [--what \"what changed\"] [--env NAME=value (this build's server only)] [--products a,b] " +
                           "[--rounds 12] [--throughput-rounds 4] [--out docs/benchmarks/builds.md] [--data <feyes-products>]";

    public async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, "baseline", "what", "env", "products", "rounds", "throughput-rounds", "out", "data");
        var baseline = options.Get("baseline") is { } b ? Path.GetFullPath(b) : null;
        var data = DatasetLocator.Find(options.Get("data"));
        if (baseline is null || !File.Exists(baseline) || data is null)
        {
            Console.Error.WriteLine(baseline is null || !File.Exists(baseline)
                ? "pass --baseline with the Aoi.Web.dll of the build to compare with"
                : "product data not found: pass --data or set AOI_FEYES_DATASET");
            return 1;
        }

        var products = options.Get("products")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? ["01858512", "20002857", "20003548", "20007325"];
        var rounds = int.Parse(options.Get("rounds") ?? "12");
        var throughputRounds = int.Parse(options.Get("throughput-rounds") ?? "4");
        var output = Path.GetFullPath(options.Get("out") ?? Path.Combine("docs", "benchmarks", "builds.md"));
        // Quoted where a value has spaces (--what), so the recorded command runs as it reads.
        var command = ("dotnet run -c Release --project tests/Aoi.Benchmarks -- builds " +
                       string.Join(' ', args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))).Trim();

        using var workspace = new Workspace(data, products);
        var boards = products.Select(p => RealBoards.Build(workspace.Snapshot(p), workspace.BoardFolder)).ToList();
        var environment = options.Get("env") is { } env ? new[] { env } : [];
        await using var current = await ServerProcess.StartAsync(workspace, "this-build", [], None, environment: environment);
        await using var previous = await ServerProcess.StartAsync(workspace, "baseline", [], None, baseline);
        using var currentHttp = AoiHttp.CreateClient(current.Url);
        using var previousHttp = AoiHttp.CreateClient(previous.Url);
        var servers = new[] { new AoiHttp(currentHttp), new AoiHttp(previousHttp) };
        foreach (var server in servers)
        {
            if (!await server.WaitInitializedAsync(TimeSpan.FromMinutes(3), None))
            {
                Console.Error.WriteLine("a server did not finish its start-up warm-up within 3 minutes");
                return 1;
            }
        }

        var rows = new List<(BoardSet Board, List<InspectionCall>[] Calls)>();
        foreach (var board in boards)
        {
            var sessions = new string[2];
            for (var s = 0; s < 2; s++)
            {
                sessions[s] = await servers[s].CreateSessionAsync(board.Product, "bench-builds", None);
            }

            // A station's product change: the product is prepared on both before the first request.
            await Task.Delay(HttpBenchmark.FirstInspectionDelay, None);
            var good = workspace.ClientPath(board.GoodFile);
            var calls = new[] { new List<InspectionCall>(), new List<InspectionCall>() };
            for (var round = -2; round < rounds; round++)
            {
                foreach (var s in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    var call = await servers[s].InspectPathAsync(sessions[s], good, None);
                    if (round >= 0)
                    {
                        calls[s].Add(call); // the first two rounds warm both up and are not counted
                    }
                }
            }

            for (var s = 0; s < 2; s++)
            {
                await servers[s].CloseAsync(sessions[s], None);
            }

            rows.Add((board, calls));
            Console.WriteLine($"  {board.Product}: this build {Median(calls[0], c => c.WallMs):F0} ms, baseline {Median(calls[1], c => c.WallMs):F0} ms, " +
                              $"paired ratio ×{PairedRatio(calls):F2}");
        }

        // Throughput: 8 line clients on one server at a time, the servers taking turns, so each burst has the cores to itself.
        var http = new HttpBenchmark(workspace, 1, ThroughputPerClient, _ => { });
        var bursts = new[] { new List<ThroughputFigure>(), new List<ThroughputFigure>() };
        var processes = new[] { current, previous };
        for (var round = 0; round < throughputRounds; round++)
        {
            foreach (var s in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                bursts[s].Add(await http.ThroughputAsync(processes[s], boards, ThroughputClients));
            }

            Console.WriteLine($"  {ThroughputClients} clients, round {round + 1}: this build {bursts[0][^1].PerSecond:F2}, baseline {bursts[1][^1].PerSecond:F2} inspections/s");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, Report(command, baseline, options.Get("what"), options.Get("env"), rounds, rows, bursts));
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    private const int ThroughputClients = 8;
    private const int ThroughputPerClient = 4;

    private static double Median(IEnumerable<InspectionCall> calls, Func<InspectionCall, double?> value) =>
        Stats.Median(calls.Where(c => c.Status == 200).Select(value).OfType<double>());

    /// <summary>Median over the rounds of baseline ÷ this build, each round's two inspections back to back.</summary>
    private static double PairedRatio(List<InspectionCall>[] calls) =>
        Stats.Median(calls[0].Zip(calls[1]).Where(p => p.First.Status == 200 && p.Second.Status == 200)
            .Select(p => p.Second.WallMs / p.First.WallMs));

    private static string Report(string command, string baseline, string? what, string? environment, int rounds, List<(BoardSet Board, List<InspectionCall>[] Calls)> rows,
        List<ThroughputFigure>[] bursts)
    {
        var md = new StringBuilder();
        md.AppendLine("# This build against a baseline build, side by side");
        md.AppendLine();
        md.AppendLine("Generated by the command below; do not edit the figures by hand.");
        md.AppendLine();
        md.AppendLine($"- Command: `{command}`");
        md.AppendLine($"- Baseline: `{baseline}`");
        if (what is not null)
        {
            md.AppendLine($"- What differs: {what}");
        }

        if (environment is not null)
        {
            md.AppendLine($"- This build's server started with the environment variable `{environment}`");
        }

        md.AppendLine($"- Date: {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        md.AppendLine($"- Machine: {MachineInfo.Describe()}");
        md.AppendLine($"- Load average at the end: {ProcessStats.LoadAverage()}");
        md.AppendLine("- Both real `Aoi.Web` processes (co-hosted silo, SQLite, default settings) run at once on the same boards (as in " +
                      "performance.md: 7716×5360 q95 on a textured background), each after /api/health said initialized; per product one " +
                      $"session on each, {HttpBenchmark.FirstInspectionDelay.TotalSeconds:F0} s pause, 2 uncounted rounds, then {rounds} rounds of " +
                      "one single-image inspection on each, back to back, the order alternating. Medians; decode / ROI phase / pipeline " +
                      "from the server's X-Aoi-* headers (they overlap when ROIs are dispatched during the decode). Paired ratio = median " +
                      "over the rounds of baseline ÷ this build.");
        md.AppendLine();
        md.AppendLine("| product | ROIs | this build ms | decode | ROI phase | pipeline | baseline ms | decode | ROI phase | pipeline | ratio of medians | paired ratio | failed requests |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (board, calls) in rows)
        {
            var (a, b) = (calls[0], calls[1]);
            md.AppendLine($"| {board.Product} | {board.EnabledRois.Count()} | {Median(a, c => c.WallMs):F0} | {Median(a, c => c.DecodeMs):F0} | " +
                          $"{Median(a, c => c.RoiPhaseMs):F0} | {Median(a, c => c.PipelineMs):F0} | {Median(b, c => c.WallMs):F0} | " +
                          $"{Median(b, c => c.DecodeMs):F0} | {Median(b, c => c.RoiPhaseMs):F0} | {Median(b, c => c.PipelineMs):F0} | " +
                          $"×{Median(b, c => c.WallMs) / Median(a, c => c.WallMs):F2} | ×{PairedRatio(calls):F2} | " +
                          $"{a.Count(c => c.Status != 200)} / {b.Count(c => c.Status != 200)} |");
        }

        if (bursts[0].Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"Throughput: {ThroughputClients} line clients, each on its own session, {ThroughputPerClient} inspections each, products " +
                          "rotating (as performance.md's throughput rows), on one server at a time, the servers taking turns (the order " +
                          "alternating). Ratio = this build ÷ baseline, inspections per second; CPU utilisation = the server process's CPU time ÷ " +
                          "(wall × cores) over the burst.");
            md.AppendLine();
            md.AppendLine("| round | this build inspections/s | baseline inspections/s | ratio | CPU utilisation this / baseline | median ms this / baseline | errors |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            for (var i = 0; i < bursts[0].Count; i++)
            {
                var (a, b) = (bursts[0][i], bursts[1][i]);
                md.AppendLine($"| {i + 1} | {a.PerSecond:F2} | {b.PerSecond:F2} | ×{a.PerSecond / b.PerSecond:F2} | " +
                              $"{100 * a.CpuUtilisation:F1} % / {100 * b.CpuUtilisation:F1} % | {a.MedianMs:F0} / {b.MedianMs:F0} | {a.Errors} / {b.Errors} |");
            }

            var (medianA, medianB) = (Stats.Median(bursts[0].Select(f => f.PerSecond)), Stats.Median(bursts[1].Select(f => f.PerSecond)));
            md.AppendLine($"| median | {medianA:F2} | {medianB:F2} | ×{medianA / medianB:F2} | | | |");
        }

        return md.ToString();
    }
}
