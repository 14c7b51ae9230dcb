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
/// <item>that data root again, sent as soon as /api/health answers: a restart of a server that has its taught models;</item>
/// <item>that data root again, sent when POST /api/initialize has answered: a restart as the line clients start, which
/// initialize before their first session (spec 7.1).</item>
/// </list>
/// </summary>
public sealed class FirstInspectionBenchmark(Workspace workspace, int repetitions, Action<string> log, IReadOnlyList<string>? environment = null, string? webDll = null)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>How often the server is restarted and inspected as a line client starts (initialize, then session).</summary>
    public const int RestartsAsAStationStarts = 3;

    public async Task<FirstInspectionFigures> MeasureAsync(BoardSet board)
    {
        var newRoot = await MeasureServerAsync(board, "first-new", StartWait.Health);
        var initialized = await MeasureServerAsync(board, "first-restart", StartWait.Initialized);
        var stored = Directory.GetFiles(workspace.Sub(Path.Combine("servers", "first-restart", LibraryModelStore.FolderName)), "*.model",
            SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        var restart = await MeasureServerAsync(board, "first-restart", StartWait.Health);
        // The line's case, three restarts: one first inspection per process is a single sample, and the warm median moves
        // by up to ×1.5 from one server process to the next on these cores; the run with the median ratio is reported.
        var restarts = new List<FirstInspectionRun>();
        for (var i = 0; i < RestartsAsAStationStarts; i++)
        {
            restarts.Add(await MeasureServerAsync(board, "first-restart", StartWait.InitializeCall));
        }

        var restartInitialize = restarts.OrderBy(r => r.Ratio).ElementAt(restarts.Count / 2);
        var figures = new FirstInspectionFigures(board.Product, newRoot, initialized, restart, restartInitialize, stored.Count, stored.Sum() / 1048576.0);
        log($"  first inspection: new data root {newRoot.FirstMs:F0} ms (warm {newRoot.WarmMs:F0}), after initialized " +
            $"{initialized.FirstMs:F0} ms (warm {initialized.WarmMs:F0}, initialized {initialized.InitializedMs:F0} ms after start), after a restart " +
            $"{restart.FirstMs:F0} ms (warm {restart.WarmMs:F0}, initialized {restart.InitializedMs:F0} ms after start), after a restart and " +
            $"/api/initialize (median ratio of {restarts.Count}: {string.Join(" / ", restarts.Select(r => $"×{r.Ratio:F2}"))}) {restartInitialize.FirstMs:F0} ms (warm {restartInitialize.WarmMs:F0}, initialize answered " +
            $"{restartInitialize.InitializedMs:F0} ms after start); " +
            $"{figures.StoredModels} stored models, {figures.StoredMiB:F1} MiB");
        return figures;
    }

    private enum StartWait
    {
        /// <summary>The first request as soon as /api/health answers.</summary>
        Health,

        /// <summary>After /api/health said initialized.</summary>
        Initialized,

        /// <summary>After POST /api/initialize answered, as a line client starts.</summary>
        InitializeCall,
    }

    private async Task<FirstInspectionRun> MeasureServerAsync(BoardSet board, string name, StartWait wait)
    {
        await using var server = await ServerProcess.StartAsync(workspace, name, [], None, webDll, environment);
        using var client = AoiHttp.CreateClient(server.Url);
        var api = new AoiHttp(client);
        var started = Stopwatch.GetTimestamp();
        double SinceProcessStart() => server.StartMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var initializedMs = double.NaN;
        if (wait == StartWait.Initialized)
        {
            if (!await api.WaitInitializedAsync(TimeSpan.FromMinutes(3), None))
            {
                throw new InvalidOperationException($"{name} did not say initialized within 3 minutes");
            }

            initializedMs = SinceProcessStart();
        }
        else if (wait == StartWait.InitializeCall)
        {
            log($"    {name}: /api/initialize answered \"{await api.InitializeAsync(None)}\"");
            initializedMs = SinceProcessStart();
        }

        var session = await api.CreateSessionAsync(board.Product, "bench-first", None);
        var good = workspace.ClientPath(board.GoodFile);
        var first = await api.InspectPathAsync(session, good, None);
        if (wait == StartWait.Health && await api.WaitInitializedAsync(TimeSpan.FromMinutes(3), None))
        {
            initializedMs = SinceProcessStart();
        }

        var calls = new List<InspectionCall>();
        for (var i = 0; i < repetitions; i++)
        {
            calls.Add(await api.InspectPathAsync(session, good, None));
        }

        var warm = calls.Select(c => c.WallMs).ToList();
        log($"    {name} ({wait}): first {Split(first)}; warm median {Stats.Median(warm):F0} ms " +
            $"(median split: decode {Median(calls, c => c.DecodeMs):F0}, ROI phase {Median(calls, c => c.RoiPhaseMs):F0}, " +
            $"Σ per ROI {Median(calls, c => c.SumRoiMs):F0}, outside the pipeline {Median(calls, c => c.ResponseMs):F0})");

        await api.CloseAsync(session, None);
        return new FirstInspectionRun(server.StartMs, initializedMs, first.WallMs, Stats.Median(warm), first.Status);
    }

    private static string Split(InspectionCall call) =>
        $"{call.WallMs:F0} ms (decode {call.DecodeMs:F0}, ROI phase {call.RoiPhaseMs:F0}, Σ per ROI {call.SumRoiMs:F0}, " +
        $"outside the pipeline {call.ResponseMs:F0})";

    private static double Median(IEnumerable<InspectionCall> calls, Func<InspectionCall, double?> part) =>
        Stats.Median(calls.Select(part).Where(v => v is not null).Select(v => v!.Value).ToList());
}

/// <param name="StartMs">From process start until /api/health answered.</param>
/// <param name="InitializedMs">From process start until /api/health said initialized (the start-up warm-up done), or
/// until /api/initialize answered when the first inspection waited for that.</param>
public sealed record FirstInspectionRun(double StartMs, double InitializedMs, double FirstMs, double WarmMs, int FirstStatus)
{
    public double Ratio => FirstMs / WarmMs;
}

/// <param name="StoredModels">Model files the start-up warm-up left in the data root, and their size.</param>
public sealed record FirstInspectionFigures(
    string Product, FirstInspectionRun NewDataRoot, FirstInspectionRun Initialized, FirstInspectionRun Restart,
    FirstInspectionRun RestartInitialize, int StoredModels, double StoredMiB);
