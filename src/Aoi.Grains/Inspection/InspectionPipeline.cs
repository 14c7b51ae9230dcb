using System.Diagnostics;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Inspection;

/// <summary>
/// One inspection of a session (spec 6.4 single, 6.5 grouped): product snapshot, picture decoded once per image,
/// every enabled ROI cut and fanned out longest first, every ROI answered exactly once, results assembled.
/// </summary>
public sealed partial class InspectionPipeline(
    IProductSnapshotSource snapshots,
    ImageLoader loader,
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
        List<RoiWorkItem> items;
        double decodeMs;
        ProductSnapshot snapshot;

        // Spec 7.5 check order: picture errors come before product errors.
        DecodedFrame frame;
        try
        {
            frame = await loader.LoadAsync(request.Image);
        }
        catch (ImageReadException ex)
        {
            return InspectionOutcome.Fail(ex.Status, ex.Message);
        }

        using (frame)
        {
            var loaded = await LoadSnapshotAsync(target.ProductName);
            if (loaded.Failure is not null)
            {
                return loaded.Failure;
            }

            snapshot = loaded.Snapshot!;
            decodeMs = frame.DecodeMs;
            items = snapshot.Rois.Where(r => r.Enabled).Select(r => Cut(target, snapshot, r, frame, null)).ToList();
        }

        var roiPhase = Stopwatch.GetTimestamp();
        var results = await DispatchAllAsync(target, items);
        var roiMs = Stopwatch.GetElapsedTime(roiPhase).TotalMilliseconds;
        var assembled = await assembler.AssembleAsync(results, snapshot.Rois, request.Barcodes);
        var response = Respond(target, snapshot, assembled, null, request.ReceivedAt);
        var timing = new InspectionTiming(decodeMs, roiMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds, items.Count);
        LogInspection(target.ProductName, target.SessionId, items.Count, roiGate.Bound, timing.DecodeMs, timing.RoiPhaseMs,
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
        List<RoiWorkItem> items;
        double decodeMs = 0;
        if (error is null && plan.Rois.Count == 0)
        {
            // Nothing to cut from this picture; it is still read so a bad picture is reported like any other.
            error = await ProbeAsync(input.Image!);
            items = [];
        }
        else if (error is null)
        {
            try
            {
                using var frame = await loader.LoadAsync(input.Image!);
                decodeMs = frame.DecodeMs;
                items = plan.Rois.Select(r => Cut(target, snapshot, r, frame, r.GroupKey)).ToList();
            }
            catch (ImageReadException ex)
            {
                error = ex.Message;
                items = [];
            }
        }
        else
        {
            items = [];
        }

        if (error is not null)
        {
            // The group's ROIs fail with the group error; a duplicate group owns no ROIs and changes nothing.
            items = plan.OwnsRois
                ? plan.Rois.Select(r => WorkItem(target, snapshot, r, null, null, r.GroupKey, error)).ToList()
                : [];
        }

        var results = await DispatchAllAsync(target, items);
        var seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
        var summary = error is not null
            ? new GroupResult(input.Key, input.Focus, input.Exposure, error, null, null, seconds)
            : new GroupResult(input.Key, input.Focus, input.Exposure, null, plan.Rois.Count == 0 ? UnusedGroup : null,
                OverallResult.Of(results), seconds);
        return new GroupRun(summary, results, decodeMs);
    }

    private async Task<string?> ProbeAsync(ImageInput image)
    {
        try
        {
            using var frame = await loader.LoadAsync(image);
            return null;
        }
        catch (ImageReadException ex)
        {
            return ex.Message;
        }
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

    private RoiWorkItem Cut(InspectionTarget target, ProductSnapshot snapshot, RoiDefinition roi, DecodedFrame frame, string? group)
    {
        if (roi.ConfigError is not null)
        {
            return WorkItem(target, snapshot, roi, null, null, group, null);
        }

        var cut = RoiCropper.Cut(frame.Image, roi.Coords);
        return WorkItem(target, snapshot, roi, cut.Crop, cut.Warning, group, cut.Error);
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
