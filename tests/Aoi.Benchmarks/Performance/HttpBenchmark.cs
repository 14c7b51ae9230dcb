using System.Diagnostics;

namespace Aoi.Benchmarks.Performance;

/// <summary>End-to-end inspections against real server processes over loopback HTTP.</summary>
public sealed class HttpBenchmark(Workspace workspace, int repetitions, int perClient, Action<string> progress)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// Pause between creating a product's session and its first inspection: a station picks the product, then the
    /// operator loads the fixture and the camera takes the first picture — seconds in which the server prepares the
    /// product's goldens (ProductWarmup). The first-of-product figure is measured after it.
    /// </summary>
    public static readonly TimeSpan FirstInspectionDelay = TimeSpan.FromSeconds(5);

    /// <summary>Each product: one unmeasured inspection, then the measured ones; the faulty board once to check the verdict.</summary>
    public async Task<List<ProductFigure>> PerProductAsync(ServerProcess server, IReadOnlyList<BoardSet> boards)
    {
        using var http = AoiHttp.CreateClient(server.Url);
        var client = new AoiHttp(http);
        var figures = new List<ProductFigure>();
        foreach (var board in boards)
        {
            var session = await client.CreateSessionAsync(board.Product, "bench-e2e", None);
            await Task.Delay(FirstInspectionDelay, None);
            var good = workspace.ClientPath(board.GoodFile);
            var first = await client.InspectPathAsync(session, good, None);
            if (first.Status != 200)
            {
                figures.Add(new ProductFigure(board.Product, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, $"HTTP {first.Status}: {first.Error}"));
                continue;
            }

            var calls = new List<InspectionCall>();
            for (var i = 0; i < repetitions; i++)
            {
                calls.Add(await client.InspectPathAsync(session, good, None));
            }

            var faulty = await client.InspectPathAsync(session, workspace.ClientPath(board.FaultyFile), None);
            await client.CloseAsync(session, None);
            var ok = calls.Where(c => c.Status == 200 && c.PipelineMs is not null).ToList();
            var cores = Environment.ProcessorCount;
            var figure = new ProductFigure(board.Product, first.RoiCount, ok.Count, first.WallMs,
                Stats.Median(ok.Select(c => c.WallMs)), Stats.Median(ok.Select(c => c.DecodeMs!.Value)),
                Stats.Median(ok.Select(c => c.RoiPhaseMs!.Value)),
                Stats.Median(ok.Select(c => c.PipelineMs!.Value - c.DecodeMs!.Value - c.RoiPhaseMs!.Value)),
                Stats.Median(ok.Select(c => c.ResponseMs!.Value)), Stats.Median(ok.Select(c => c.SumRoiMs)),
                Stats.Median(ok.Select(c => c.SumRoiMs / cores / c.RoiPhaseMs!.Value)),
                ok.Count(c => c.Passed == true), faulty.Status == 200 ? faulty.Passed == false : null,
                calls.Count == ok.Count ? null : $"{calls.Count - ok.Count} failed requests");
            figures.Add(figure);
            progress($"  {board.Product}: {figure.Rois} ROIs, {figure.WallMs:F0} ms (decode {figure.DecodeMs:F0}, ROI phase {figure.RoiPhaseMs:F0}, " +
                     $"efficiency {figure.Efficiency:F2}), good passed {figure.GoodPassed}/{figure.Inspections}, faulty failed {figure.FaultyFailed}");
        }

        return figures;
    }

    /// <summary>
    /// One product's good board on one server (ours or a seed-design peer), the same client and requests for each:
    /// <paramref name="warmups"/> unmeasured inspections, then the median wall time of <paramref name="measured"/>.
    /// </summary>
    public async Task<WarmFigure> WarmAsync(ServerProcess server, BoardSet board, int warmups, int measured)
    {
        using var http = AoiHttp.CreateClient(server.Url);
        var client = new AoiHttp(http);
        var session = await client.CreateSessionAsync(board.Product, "bench-versus", None);
        // The same pause as a station's product change (FirstInspectionDelay), for every server alike: the product is
        // prepared, and whatever the previous server measured (a faithful peer's last request) has ended before this
        // server's first request — measured without it, a peer's lingering work showed in the next server's figure.
        await Task.Delay(FirstInspectionDelay, None);
        var good = workspace.ClientPath(board.GoodFile);
        for (var i = 0; i < warmups; i++)
        {
            await client.InspectPathAsync(session, good, None);
        }

        var calls = new List<InspectionCall>();
        for (var i = 0; i < measured; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                calls.Add(await client.InspectPathAsync(session, good, None));
            }
            catch (Exception ex) when (ex is TaskCanceledException or HttpRequestException)
            {
                // A request that timed out is a failed request of that server, not the end of the benchmark.
                calls.Add(new InspectionCall(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null, null, null, null, 0, 0, 0, ex.Message));
            }
        }

        await client.CloseAsync(session, None);
        var ok = calls.Where(c => c.Status == 200).ToList();
        return new WarmFigure(Stats.Median(ok.Select(c => c.WallMs)), calls.Count, ok.Count(c => c.Passed == true),
            calls.Count - ok.Count, ok.Select(c => c.RoiCount).DefaultIfEmpty().Max());
    }

    /// <summary><paramref name="clients"/> line clients, each on its own session, <c>perClient</c> inspections each, products rotating.</summary>
    public async Task<ThroughputFigure> ThroughputAsync(ServerProcess server, IReadOnlyList<BoardSet> boards, int clients)
    {
        using var http = AoiHttp.CreateClient(server.Url);
        var client = new AoiHttp(http);
        var sessions = new List<(string Id, BoardSet Board)>();
        for (var c = 0; c < clients; c++)
        {
            var board = boards[c % boards.Count];
            sessions.Add((await client.CreateSessionAsync(board.Product, $"bench-client-{c}", None), board));
        }

        await Task.Delay(FirstInspectionDelay, None);

        var cpuBefore = ProcessStats.CpuSeconds(server.Pid);
        var started = Stopwatch.GetTimestamp();
        var calls = await Task.WhenAll(sessions.Select(async s =>
        {
            var mine = new List<InspectionCall>();
            for (var i = 0; i < perClient; i++)
            {
                mine.Add(await client.InspectPathAsync(s.Id, workspace.ClientPath(s.Board.GoodFile), None));
            }

            return mine;
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = ProcessStats.CpuSeconds(server.Pid) - cpuBefore;
        foreach (var s in sessions)
        {
            await client.CloseAsync(s.Id, None);
        }

        var all = calls.SelectMany(c => c).ToList();
        return new ThroughputFigure(clients, all.Count, seconds, all.Count / seconds, cpu / seconds / Environment.ProcessorCount,
            Stats.Median(all.Select(c => c.WallMs)), Stats.Percentile(all.Select(c => c.WallMs), 90), all.Count(c => c.Status != 200));
    }

    /// <summary>
    /// A fresh server with the given decode gate: start time, the first inspection right after /api/health answers
    /// (engines still warming in the background), then 8 concurrent clients while its resident set is sampled.
    /// </summary>
    public async Task<MemoryFigure> MemoryAsync(string label, int? gate, IReadOnlyList<BoardSet> boards)
    {
        var settings = gate is { } g ? new[] { $"Aoi:Imaging:MaxConcurrentDecodes={g}" } : ["Aoi:Imaging:MaxConcurrentDecodes=64"];
        await using var server = await ServerProcess.StartAsync(workspace, "gate-" + label, settings, None);
        using var http = AoiHttp.CreateClient(server.Url);
        var client = new AoiHttp(http);
        var idle = ProcessStats.Memory(server.Pid)?.RssMiB ?? double.NaN;
        var board = boards[0];
        var session = await client.CreateSessionAsync(board.Product, "bench-first", None);
        var first = await client.InspectPathAsync(session, workspace.ClientPath(board.GoodFile), None);
        var warm = new List<double>();
        for (var i = 0; i < Math.Max(2, repetitions / 2); i++)
        {
            warm.Add((await client.InspectPathAsync(session, workspace.ClientPath(board.GoodFile), None)).WallMs);
        }

        await client.CloseAsync(session, None);
        ThroughputFigure load;
        MemorySampler sampler;
        await using (sampler = new MemorySampler([server.Pid], TimeSpan.FromMilliseconds(50)))
        {
            load = await ThroughputAsync(server, boards, 8);
        }

        var peak = ProcessStats.Memory(server.Pid)?.PeakMiB ?? double.NaN;
        return new MemoryFigure(label, server.StartMs, first.Status == 200 ? first.WallMs : double.NaN, Stats.Median(warm), idle, peak,
            sampler.PeakRssMiB(server.Pid), load.Inspections, load.PerSecond, load.Errors + (first.Status == 200 ? 0 : 1));
    }
}
