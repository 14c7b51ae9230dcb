using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using ZXing;

namespace Aoi.Grains.Engines;

/// <summary>
/// Loads and exercises every ROI evaluator once with a tiny synthetic ROI (spec 3.1 step 7, 7.1
/// <c>/api/initialize</c>), so that model loading happens before the first real inspection; then the barcode engine reads
/// one label of each common symbology. An evaluator that throws, or answers "&lt;engine&gt; unavailable…", counts as
/// failed. Runs once; a failed run may be retried.
/// One per process: the web front end's /api/initialize and a standalone silo's start both use it.
/// </summary>
public sealed class EngineWarmup(IEnumerable<IRoiEvaluator> evaluators, AoiPaths paths, ILogger<EngineWarmup> logger)
{
    private const int Size = 32;

    /// <summary>One label of each common symbology (texts each symbology accepts), read once after the engines are loaded.</summary>
    private static readonly (BarcodeFormat Format, string Text, int Width, int Height)[] WarmupLabels =
    [
        (BarcodeFormat.QR_CODE, "AOI-WARMUP-1", 160, 160),
        (BarcodeFormat.DATA_MATRIX, "AOI-WARMUP-1", 160, 160),
        (BarcodeFormat.AZTEC, "AOI-WARMUP-1", 160, 160),
        (BarcodeFormat.PDF_417, "AOI-WARMUP-1", 400, 160),
        (BarcodeFormat.CODE_128, "AOI-WARMUP-1", 400, 120),
        (BarcodeFormat.CODE_39, "AOI WARMUP", 480, 120),
        (BarcodeFormat.CODE_93, "AOI WARMUP", 400, 120),
        (BarcodeFormat.EAN_13, "590123412345", 400, 120),
        (BarcodeFormat.EAN_8, "9638507", 300, 120),
        (BarcodeFormat.UPC_A, "03600029145", 400, 120),
    ];

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

        // Only once every engine is loaded: the labels are an optimisation, an engine's loading is what an early ROI waits for.
        foreach (var evaluator in evaluators.Where(e => e.RoiType == RoiDefinition.Barcode))
        {
            await ReadLabelsAsync(evaluator, folder);
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

    /// <summary>
    /// One label of each common symbology through the barcode engine: a grey crop only runs the search, and the first
    /// label of a symbology a line reads would otherwise pay for its decoder (26–52 ms per label measured).
    /// </summary>
    private async Task ReadLabelsAsync(IRoiEvaluator evaluator, string productFolder)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var (format, text, width, height) in WarmupLabels)
        {
            Mat label;
            try
            {
                label = CodeLabelRenderer.Render(text, width, height, format);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or WriterException)
            {
                logger.LogDebug(ex, "No warm-up label of {Format}", format);
                continue;
            }

            using (label)
            {
                var roi = WarmupRoi(RoiDefinition.Barcode) with { Coords = new RoiRect(0, 0, width, height) };
                try
                {
                    var result = await evaluator.EvaluateAsync(new RoiEvaluationContext(label, roi, "__warmup", productFolder, null), timeout.Token);
                    result.GoldenUsed?.Dispose();
                }
                catch (Exception ex)
                {
                    // The grey crop above has already said whether the engine works; this is only its first reading.
                    logger.LogWarning(ex, "Barcode engine failed to read its {Format} warm-up label", format);
                }
            }
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
