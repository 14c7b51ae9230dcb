using System.Diagnostics;
using Aoi.Grains.Engines.Compare.Library;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// The first inspection after a server start against warm ones on the same server, three ways, each with its own
/// server process and a session created right before the first request (so the product is not warmed for it):
/// <list type="bullet">
/// <item>new data root, sent as soon as /api/health answers: no model was ever built there (the first start after an
/// install whose products were copied in as files);</item>
/// <item>new data root, sent when /api/health says initialized (the start-up warm-up built and stored every product's
/// models);</item>
/// <item>that data root again, sent as soon as /api/health answers: a restart of a server that has its taught models.</item>
/// </list>
/// </summary>
public sealed class FirstInspectionBenchmark(Workspace workspace, int repetitions, Action<string> log, IReadOnlyList<string>? environment = null, string? webDll = null)
{
    private static readonly CancellationToken None = CancellationToken.None;

    public async Task<FirstInspectionFigures> MeasureAsync(BoardSet board)
    {
        var newRoot = await MeasureServerAsync(board, "first-new", waitInitialized: false);
        var initialized = await MeasureServerAsync(board, "first-restart", waitInitialized: true);
        var stored = Directory.GetFiles(workspace.Sub(Path.Combine("servers", "first-restart", LibraryModelStore.FolderName)), "*.model",
            SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        var restart = await MeasureServerAsync(board, "first-restart", waitInitialized: false);
        var figures = new FirstInspectionFigures(board.Product, newRoot, initialized, restart, stored.Count, stored.Sum() / 1048576.0);
        log($"  first inspection: new data root {newRoot.FirstMs:F0} ms (warm {newRoot.WarmMs:F0}), after initialized " +
            $"{initialized.FirstMs:F0} ms (warm {initialized.WarmMs:F0}, initialized {initialized.InitializedMs:F0} ms after start), after a restart " +
            $"{restart.FirstMs:F0} ms (warm {restart.WarmMs:F0}, initialized {restart.InitializedMs:F0} ms after start); " +
            $"{figures.StoredModels} stored models, {figures.StoredMiB:F1} MiB");
        return figures;
    }

    private async Task<FirstInspectionRun> MeasureServerAsync(BoardSet board, string name, bool waitInitialized)
    {
        await using var server = await ServerProcess.StartAsync(workspace, name, [], None, webDll, environment);
        using var client = AoiHttp.CreateClient(server.Url);
        var api = new AoiHttp(client);
        var started = Stopwatch.GetTimestamp();
        double SinceProcessStart() => server.StartMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var initializedMs = double.NaN;
        if (waitInitialized)
        {
            if (!await api.WaitInitializedAsync(TimeSpan.FromMinutes(3), None))
            {
                throw new InvalidOperationException($"{name} did not say initialized within 3 minutes");
            }

            initializedMs = SinceProcessStart();
        }

        var session = await api.CreateSessionAsync(board.Product, "bench-first", None);
        var good = workspace.ClientPath(board.GoodFile);
        var first = await api.InspectPathAsync(session, good, None);
        if (!waitInitialized && await api.WaitInitializedAsync(TimeSpan.FromMinutes(3), None))
        {
            initializedMs = SinceProcessStart();
        }

        var warm = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            warm.Add((await api.InspectPathAsync(session, good, None)).WallMs);
        }

        log($"    {name}{(waitInitialized ? " (initialized)" : "")}: first {first.WallMs:F0} ms (decode {first.DecodeMs:F0}, ROI phase " +
            $"{first.RoiPhaseMs:F0}, Σ per ROI {first.SumRoiMs:F0}), warm median {Stats.Median(warm):F0} ms");

        await api.CloseAsync(session, None);
        return new FirstInspectionRun(server.StartMs, initializedMs, first.WallMs, Stats.Median(warm), first.Status);
    }
}

/// <param name="StartMs">From process start until /api/health answered.</param>
/// <param name="InitializedMs">From process start until /api/health said initialized (the start-up warm-up done).</param>
public sealed record FirstInspectionRun(double StartMs, double InitializedMs, double FirstMs, double WarmMs, int FirstStatus)
{
    public double Ratio => FirstMs / WarmMs;
}

/// <param name="StoredModels">Model files the start-up warm-up left in the data root, and their size.</param>
public sealed record FirstInspectionFigures(
    string Product, FirstInspectionRun NewDataRoot, FirstInspectionRun Initialized, FirstInspectionRun Restart, int StoredModels, double StoredMiB);
