using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Turns one <see cref="RoiWorkItem"/> into its <see cref="RoiResult"/> (spec 3.1 steps 3–5, 6.1): picks the engine
/// for the ROI type, runs it under the per-ROI time budget (answering only once it has stopped), writes the output pictures. Never throws for a ROI's own
/// failure: every problem becomes a failed result, never a pass.
/// </summary>
public sealed partial class RoiProcessor(
    IEnumerable<IRoiEvaluator> evaluators,
    RoiOutputWriter writer,
    IOptions<AoiOptions> options,
    ILogger<RoiProcessor> logger)
{
    // The last registration of a type wins, so a host or a test can replace one engine by adding another.
    private readonly Dictionary<int, IRoiEvaluator> _evaluators =
        evaluators.GroupBy(e => e.RoiType).ToDictionary(g => g.Key, g => g.Last());

    public async Task<RoiResult> ProcessAsync(RoiWorkItem item, CancellationToken cancellationToken = default)
    {
        var roi = item.Roi;
        var roiFile = Path.Combine(item.OutputFolder, RoiOutputWriter.RoiFileName(roi.Idx));
        var goldenFile = Path.Combine(item.OutputFolder, RoiOutputWriter.GoldenFileName(roi.Idx));
        var earlyError = roi.ConfigError is { } configError ? $"invalid ROI configuration: {configError}"
            : item.ImageError ?? (item.Crop is null ? $"ROI [{roi.Coords.X1}, {roi.Coords.Y1}, {roi.Coords.X2}, {roi.Coords.Y2}] is outside the image" : null);
        if (earlyError is not null)
        {
            RoiOutputWriter.TryDelete(roiFile);
            RoiOutputWriter.TryDelete(goldenFile);
            return RoiResult.Failed(roi, earlyError, item.Group);
        }

        var started = Stopwatch.GetTimestamp();
        var warnings = new List<string>();
        AddIfSet(warnings, item.ClipWarning);
        try
        {
            using var crop = RoiCropper.ToMat(item.Crop!);
            var roiPath = WriteOutput(item, RoiOutputWriter.RoiFileName(roi.Idx), crop, warnings);
            var run = await EvaluateAsync(item, crop, cancellationToken);
            var evaluation = run.Evaluation;
            string? goldenPath = null;
            if (evaluation?.GoldenUsed is { } golden)
            {
                using (golden)
                {
                    goldenPath = WriteOutput(item, RoiOutputWriter.GoldenFileName(roi.Idx), golden, warnings);
                }
            }
            else
            {
                RoiOutputWriter.TryDelete(goldenFile);
            }

            AddIfSet(warnings, evaluation?.Warning);
            var error = run.Failure ?? evaluation?.Error;
            return new RoiResult(roi.Idx, roi.Type, roi.TypeName, roi.DeviceLocation, roi.Coords,
                Passed: error is null && evaluation is { Passed: true },
                ProcessingTimeMs: Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
                RoiImagePath: roiPath, GoldenImagePath: goldenPath, Error: error,
                Warning: warnings.Count > 0 ? string.Join("; ", warnings) : null,
                Detail: evaluation?.Detail, Group: item.Group,
                Barcode: evaluation?.Barcode, Compare: evaluation?.Compare, Ocr: evaluation?.Ocr, Color: evaluation?.Color,
                ColorThreshold: evaluation?.ColorThreshold);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoiFailure(ex, item.ProductName, roi.Idx, roi.TypeName);
            return RoiResult.Failed(roi, $"{roi.TypeName} processing failed: {Reason(ex)}", item.Group,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
        }
    }

    private sealed record EvaluationRun(RoiEvaluation? Evaluation, string? Failure);

    /// <summary>
    /// Runs the engine under the per-ROI budget: past it the engine is asked to stop and the ROI fails with a timeout.
    /// The engine is always awaited to its end, even past the budget, so the worker running it stays taken — and the
    /// silo's ROI bound counts it — until the engine has really stopped.
    /// </summary>
    private async Task<EvaluationRun> EvaluateAsync(RoiWorkItem item, Mat crop, CancellationToken cancellationToken)
    {
        var roi = item.Roi;
        if (!_evaluators.TryGetValue(roi.Type, out var evaluator))
        {
            return new EvaluationRun(null, $"{roi.TypeName} unavailable: no engine for ROI type {roi.Type}");
        }

        var context = new RoiEvaluationContext(crop, roi, item.ProductName, item.ProductFolder, item.ProductColorRanges, item.DryRun);
        var seconds = options.Value.RoiTimeoutSeconds;
        using var overBudget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overBudget.CancelAfter(TimeSpan.FromSeconds(seconds));
        var timedOut = $"{roi.TypeName} processing failed: timed out after {seconds} s";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await evaluator.EvaluateAsync(context, overBudget.Token);
            if (!overBudget.IsCancellationRequested)
            {
                return new EvaluationRun(result, null);
            }

            // Finished, but past the budget (an engine that does not watch its token): still a timeout.
            result.GoldenUsed?.Dispose();
            LogRoiTimeout(item.ProductName, roi.Idx, roi.TypeName, seconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return new EvaluationRun(null, timedOut);
        }
        catch (OperationCanceledException) when (overBudget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogRoiTimeout(item.ProductName, roi.Idx, roi.TypeName, seconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return new EvaluationRun(null, timedOut);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoiFailure(ex, item.ProductName, roi.Idx, roi.TypeName);
            return new EvaluationRun(null, $"{roi.TypeName} processing failed: {Reason(ex)}");
        }
    }

    private string? WriteOutput(RoiWorkItem item, string fileName, Mat image, List<string> warnings)
    {
        var failure = writer.TryWrite(item.OutputFolder, fileName, image);
        if (failure is null)
        {
            return item.OutputClientPrefix + fileName;
        }

        RoiOutputWriter.TryDelete(Path.Combine(item.OutputFolder, fileName));
        warnings.Add($"output image not written: {failure}");
        return null;
    }

    private static void AddIfSet(List<string> warnings, string? warning)
    {
        if (!string.IsNullOrWhiteSpace(warning))
        {
            warnings.Add(warning);
        }
    }

    private static string Reason(Exception ex) => string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "ROI {RoiIdx} ({RoiType}) of product {Product} failed")]
    private partial void LogRoiFailure(Exception exception, string product, int roiIdx, string roiType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ROI {RoiIdx} ({RoiType}) of product {Product} timed out after {Seconds} s; its engine stopped after {StoppedSeconds:F1} s")]
    private partial void LogRoiTimeout(string product, int roiIdx, string roiType, int seconds, double stoppedSeconds);
}
