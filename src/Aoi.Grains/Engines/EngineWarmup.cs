using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace Aoi.Grains.Engines;

/// <summary>
/// Loads and exercises every ROI evaluator once with a tiny synthetic ROI (spec 3.1 step 7, 7.1
/// <c>/api/initialize</c>), so that model loading happens before the first real inspection. An evaluator that
/// throws, or answers "&lt;engine&gt; unavailable…", counts as failed. Runs once; a failed run may be retried.
/// One per process: the web front end's /api/initialize and a standalone silo's start both use it.
/// </summary>
public sealed class EngineWarmup(IEnumerable<IRoiEvaluator> evaluators, AoiPaths paths, ILogger<EngineWarmup> logger)
{
    private const int Size = 32;
    private readonly Lock gate = new();
    private Task<WarmupReport>? running;

    /// <summary>The last finished report, or null while none has finished.</summary>
    public WarmupReport? Last { get; private set; }

    /// <summary>Start (or join) the warm-up; a finished failed run is started again.</summary>
    public Task<WarmupReport> EnsureStartedAsync()
    {
        lock (gate)
        {
            if (running is null || (running.IsCompleted && Last is { Healthy: false }))
            {
                running = Task.Run(RunAsync);
            }

            return running;
        }
    }

    private async Task<WarmupReport> RunAsync()
    {
        var failures = new List<string>();
        var folder = PrepareWarmupProduct();
        foreach (var evaluator in evaluators.OrderBy(e => e.RoiType))
        {
            var reason = await TryEvaluateAsync(evaluator, folder);
            if (reason is not null)
            {
                failures.Add(reason);
            }
        }

        var report = new WarmupReport(true, failures);
        Last = report;
        if (failures.Count > 0)
        {
            logger.LogWarning("Engine warm-up finished with failures: {Failures}", string.Join("; ", failures));
        }

        return report;
    }

    private async Task<string?> TryEvaluateAsync(IRoiEvaluator evaluator, string productFolder)
    {
        using var crop = new Mat(Size, Size, MatType.CV_8UC3, new Scalar(128, 128, 128));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var result = await evaluator.EvaluateAsync(
                new RoiEvaluationContext(crop, WarmupRoi(evaluator.RoiType), "__warmup", productFolder, null), timeout.Token);
            result.GoldenUsed?.Dispose();
            return result.Error is { } error && error.Contains("unavailable", StringComparison.OrdinalIgnoreCase)
                ? error
                : null;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Engine for ROI type {Type} failed to warm up", evaluator.RoiType);
            return $"{evaluator.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>A ROI of the type with a complete configuration, so the engine runs its real path.</summary>
    private static RoiDefinition WarmupRoi(int type) => new(
        1, type, new RoiRect(0, 0, Size, Size), 305, 3000,
        type == RoiDefinition.Compare ? 0.9 : null,
        type == RoiDefinition.Compare ? "mobilenet" : null,
        0, 1, null, null, null,
        type == RoiDefinition.Color ? [128, 128, 128] : null,
        10, 5.0, null, true, null);

    /// <summary>A private product folder with one golden, so the compare engine loads its model. A readable golden from
    /// an earlier start is kept: its model is then read from the model store rather than built at every start.</summary>
    private string PrepareWarmupProduct()
    {
        var folder = Path.Combine(paths.DataRoot, "warmup", "__warmup");
        var golden = Path.Combine(folder, "golden_rois", "roi_1", "best_golden.jpg");
        try
        {
            using (var existing = File.Exists(golden) ? Cv2.ImRead(golden) : null)
            {
                if (existing is not null && !existing.Empty())
                {
                    return folder;
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            using var image = new Mat(Size, Size, MatType.CV_8UC3, new Scalar(128, 128, 128));
            Cv2.ImWrite(golden, image);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not prepare the warm-up golden in {Folder}", folder);
        }

        return folder;
    }
}
