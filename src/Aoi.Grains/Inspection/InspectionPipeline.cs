using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Inspection;

/// <summary>
/// One inspection of a session (spec 6.4 single, 6.5 grouped): product snapshot, each picture decoded once and only
/// as far as its ROIs need, every enabled ROI dispatched as soon as its crop is cut, every ROI answered exactly once,
/// results assembled.
/// </summary>
public sealed partial class InspectionPipeline(
    IProductSnapshotSource snapshots,
    IRoiCropSource cropSource,
    InspectionResultAssembler assembler,
    RoiConcurrencyGate roiGate,
    AoiPaths paths,
    ILogger<InspectionPipeline> logger)
{
    public const string NotCaptured = "not captured";
    public const string DuplicateGroup = "Duplicate capture group";
    public const string UnusedGroup = "no ROI uses this focus/exposure";

    public async Task<InspectionOutcome> InspectAsync(InspectionTarget target, InspectRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var loaded = await LoadSnapshotAsync(target.ProductName);
        if (loaded.Failure is not null)
        {
            // Spec 7.5 check order: picture errors come before product errors.
            return await CheckPictureAsync(request.Image) is { } pictureError
                ? InspectionOutcome.Fail(pictureError.Status, pictureError.Message)
                : loaded.Failure;
        }

        var snapshot = loaded.Snapshot!;
        var run = await CutAndDispatchAsync(target, snapshot, snapshot.Rois.Where(r => r.Enabled).ToList(), request.Image, grouped: false);
        if (run.PictureError is { } error)
        {
            return InspectionOutcome.Fail(error.Status, error.Message);
        }

        var assembled = await assembler.AssembleAsync(run.Results, snapshot.Rois, request.Barcodes);
        var response = Respond(target, snapshot, assembled, null, request.ReceivedAt);
        var timing = new InspectionTiming(run.DecodeMs, run.RoiPhaseMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds, run.Results.Length);
        LogInspection(target.ProductName, target.SessionId, run.Results.Length, roiGate.Bound, timing.DecodeMs, timing.RoiPhaseMs,
            timing.PipelineMs);
        return InspectionOutcome.Ok(response) with { Timing = timing };
    }

    public async Task<InspectionOutcome> InspectGroupedAsync(InspectionTarget target, GroupedInspectRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var loaded = await LoadSnapshotAsync(target.ProductName);
        if (loaded.Failure is not null)
        {
            return loaded.Failure;
        }

        var snapshot = loaded.Snapshot!;
        var enabled = snapshot.Rois.Where(r => r.Enabled).ToList();
        var plans = GroupPlan.Build(request.Groups, enabled);
        var owned = plans.Where(p => p.OwnsRois).SelectMany(p => p.Rois).Select(r => r.Idx).ToHashSet();
        var notCaptured = enabled.Where(r => !owned.Contains(r.Idx))
            .Select(r => WorkItem(target, snapshot, r, null, null, r.GroupKey, NotCaptured))
            .ToList();

        var roiPhase = Stopwatch.GetTimestamp();
        var groupRuns = plans.Select(p => RunGroupAsync(target, snapshot, p)).ToList();
        var notCapturedRun = DispatchAllAsync(target, notCaptured);
        var groups = await Task.WhenAll(groupRuns);
        var results = groups.SelectMany(g => g.Results).Concat(await notCapturedRun).ToList();
        var roiMs = Stopwatch.GetElapsedTime(roiPhase).TotalMilliseconds;

        var assembled = await assembler.AssembleAsync(results, snapshot.Rois, request.Barcodes);
        var response = Respond(target, snapshot, assembled, groups.Select(g => g.Summary).ToArray(), request.ReceivedAt);
        var timing = new InspectionTiming(groups.Sum(g => g.DecodeMs), roiMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            results.Count);
        LogInspection(target.ProductName, target.SessionId, results.Count, roiGate.Bound, timing.DecodeMs, timing.RoiPhaseMs,
            timing.PipelineMs);
        return InspectionOutcome.Ok(response) with { Timing = timing };
    }

    private sealed record GroupRun(GroupResult Summary, RoiResult[] Results, double DecodeMs);

    private async Task<GroupRun> RunGroupAsync(InspectionTarget target, ProductSnapshot snapshot, GroupPlan plan)
    {
        var started = Stopwatch.GetTimestamp();
        var input = plan.Input;
        var error = plan.Error;
        RoiResult[] results = [];
        double decodeMs = 0;
        if (error is null && plan.Rois.Count == 0)
        {
            // Nothing to cut from this picture; it is still read so a bad picture is reported like any other.
            error = (await CheckPictureAsync(input.Image!))?.Message;
        }
        else if (error is null)
        {
            var run = await CutAndDispatchAsync(target, snapshot, plan.Rois, input.Image!, grouped: true);
            error = run.PictureError?.Message;
            results = run.Results;
            decodeMs = run.DecodeMs;
        }

        if (error is not null)
        {
            // The group's ROIs fail with the group error; a duplicate group owns no ROIs and changes nothing.
            var failed = plan.OwnsRois
                ? plan.Rois.Select(r => WorkItem(target, snapshot, r, null, null, r.GroupKey, error)).ToList()
                : [];
            results = await DispatchAllAsync(target, failed);
        }

        var seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
        var summary = error is not null
            ? new GroupResult(input.Key, input.Focus, input.Exposure, error, null, null, seconds)
            : new GroupResult(input.Key, input.Focus, input.Exposure, null, plan.Rois.Count == 0 ? UnusedGroup : null,
                OverallResult.Of(results), seconds);
        return new GroupRun(summary, results, decodeMs);
    }

    /// <summary>The picture's reading error, or null when it is usable (nothing is cut).</summary>
    private async Task<ImageReadException?> CheckPictureAsync(ImageInput image)
    {
        try
        {
            await foreach (var _ in cropSource.CutAsync(image, []))
            {
            }

            return null;
        }
        catch (ImageReadException ex)
        {
            return ex;
        }
    }

    /// <summary>Results of one picture's ROIs, or the picture's error; decode and ROI phase overlap.</summary>
    private sealed record CutRun(RoiResult[] Results, double DecodeMs, double RoiPhaseMs, ImageReadException? PictureError);

    /// <summary>
    /// Cuts the ROIs' crops from the picture and dispatches each ROI as soon as its crop is ready, so the workers run
    /// while the rest of the picture is still being decoded (<see cref="IRoiCropSource"/> hands crops out top to
    /// bottom). ROIs with a configuration error need no crop and go at once. When the picture turns out unusable, the
    /// ROIs already dispatched are still awaited, so none is left running, and the picture's error is the answer.
    /// </summary>
    private async Task<CutRun> CutAndDispatchAsync(
        InspectionTarget target, ProductSnapshot snapshot, IReadOnlyList<RoiDefinition> rois, ImageInput image, bool grouped)
    {
        var started = Stopwatch.GetTimestamp();
        var calls = RoiWorkOrder.LongestFirst(rois.Where(r => r.ConfigError is not null)
                .Select(r => WorkItem(target, snapshot, r, null, null, grouped ? r.GroupKey : null, null)))
            .Select(i => DispatchOneAsync(target, i))
            .ToList();
        var cuttable = rois.Where(r => r.ConfigError is null).ToList();
        long? firstCrop = null;
        try
        {
            await foreach (var (index, cut) in cropSource.CutAsync(image, cuttable.Select(r => r.Coords).ToList()))
            {
                firstCrop ??= Stopwatch.GetTimestamp();
                var roi = cuttable[index];
                calls.Add(DispatchOneAsync(target,
                    WorkItem(target, snapshot, roi, cut.Crop, cut.Warning, grouped ? roi.GroupKey : null, cut.Error)));
            }
        }
        catch (ImageReadException ex)
        {
            await Task.WhenAll(calls);
            return new CutRun([], Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, ex);
        }

        var decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var results = await Task.WhenAll(calls);
        return new CutRun(results, decodeMs, Stopwatch.GetElapsedTime(firstCrop ?? started).TotalMilliseconds, null);
    }

    private sealed record SnapshotLoad(ProductSnapshot? Snapshot, InspectionOutcome? Failure);

    private async Task<SnapshotLoad> LoadSnapshotAsync(string productName)
    {
        var result = await snapshots.GetSnapshotAsync(productName);
        if (result.NotFound)
        {
            return new SnapshotLoad(null, InspectionOutcome.Fail(404, $"Product not found: {productName}"));
        }

        return result.Snapshot is null
            ? new SnapshotLoad(null, InspectionOutcome.Fail(422, "ROI configuration invalid", result.ValidationErrors))
            : new SnapshotLoad(result.Snapshot, null);
    }

    private RoiWorkItem WorkItem(
        InspectionTarget target, ProductSnapshot snapshot, RoiDefinition roi, CropImage? crop, string? clipWarning,
        string? group, string? imageError) =>
        new(target.ProductName, snapshot.ProductFolder, roi, crop, clipWarning, paths.SessionOutput(target.SessionId),
            paths.ClientOutputPrefix(target.SessionId), snapshot.ProductColorRanges, group, imageError);

    /// <summary>
    /// Expected longest ROIs first (<see cref="RoiWorkOrder"/>) so the longest work starts early and the tail stays
    /// short; each call answers for its own ROI, so a failed or timed-out call fails that ROI only and no ROI is ever
    /// dropped.
    /// </summary>
    private async Task<RoiResult[]> DispatchAllAsync(InspectionTarget target, IEnumerable<RoiWorkItem> items)
    {
        var calls = RoiWorkOrder.LongestFirst(items)
            .Select(i => DispatchOneAsync(target, i))
            .ToList();
        return await Task.WhenAll(calls);
    }

    private async Task<RoiResult> DispatchOneAsync(InspectionTarget target, RoiWorkItem item)
    {
        var roi = item.Roi;
        try
        {
            var result = await target.Dispatch(item);
            if (result is not null && result.RoiId == roi.Idx)
            {
                return result;
            }

            return RoiResult.Failed(roi, $"{roi.TypeName} processing failed: worker returned no result for this ROI", item.Group);
        }
        catch (Exception ex)
        {
            LogDispatchFailure(ex, target.ProductName, roi.Idx);
            var reason = string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message;
            return RoiResult.Failed(roi, $"{roi.TypeName} processing failed: {reason}", item.Group);
        }
    }

    private static InspectionResponse Respond(
        InspectionTarget target, ProductSnapshot snapshot, InspectionResults assembled, GroupResult[]? groups, DateTimeOffset receivedAt)
    {
        var now = DateTimeOffset.UtcNow;
        return new InspectionResponse(target.SessionId, target.ProductName, assembled.RoiResults, assembled.Devices,
            assembled.Overall, groups, Math.Round(Math.Max(0, (now - receivedAt).TotalSeconds), 3),
            now.ToUnixTimeMilliseconds() / 1000.0, snapshot.Version);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inspection of {Product} in session {SessionId}: {RoiCount} ROIs, worker bound {WorkerBound}, decode {DecodeMs:F0} ms, ROI phase {RoiPhaseMs:F0} ms, total {TotalMs:F0} ms")]
    private partial void LogInspection(string product, string sessionId, int roiCount, int workerBound, double decodeMs,
        double roiPhaseMs, double totalMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "ROI {RoiIdx} of product {Product}: the worker call failed")]
    private partial void LogDispatchFailure(Exception exception, string product, int roiIdx);
}
