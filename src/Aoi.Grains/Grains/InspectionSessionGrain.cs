using System.Diagnostics;
using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Aoi.Grains.Grains;

/// <summary>
/// A line client's session (spec 5): persisted status, its folder in the shared root, one inspection at a time. An
/// inspection takes the product snapshot, prepares one work item per ROI and fans them out over the silo's ROI
/// workers; every ROI is answered exactly once.
/// </summary>
/// <remarks>
/// Reentrant on purpose: a second inspection (or a close) must be refused as busy at once instead of queueing behind
/// the running one, and status reads must answer during an inspection. The busy flag is checked and set within one
/// turn (no await in between), so the check is atomic.
/// </remarks>
[Reentrant]
public sealed partial class InspectionSessionGrain(
    [PersistentState("session", "aoi")] IPersistentState<InspectionSessionState> state,
    IProductSnapshotSource products,
    InspectionPreparation preparation,
    InspectionResultAssembler assembler,
    InspectionRecorder recorder,
    ProductWarmup warmup,
    LiveInspections live,
    AoiPaths paths,
    IOptions<InspectionOptions> options,
    ILogger<InspectionSessionGrain> logger) : Grain, IInspectionSessionGrain
{
    public const string BusyError = "Another inspection is in progress";
    public const string NotFoundError = "Session not found";

    private bool _busy;

    private string SessionId => this.GetPrimaryKeyString();

    private string? ProductName => state.State.ProductName;

    private SessionDirectoryRegistration SessionDirectory => new(GrainFactory, logger);

    public async Task<SessionStatus?> CreateAsync(string productName, JsonObject clientInfo)
    {
        if (ProductName is not null)
        {
            return Status();
        }

        if (!paths.ProductExists(productName))
        {
            return null;
        }

        SessionFolder.Create(paths, SessionId);
        var now = DateTimeOffset.Now;
        var previous = state.State;
        state.State = new InspectionSessionState
        {
            ProductName = productName,
            ClientInfoJson = clientInfo.ToJsonString(),
            CreatedAt = now,
            LastActivity = now,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            SessionFolder.TryDelete(paths, SessionId, logger);
            throw;
        }

        await SessionDirectory.RegisterAsync(SessionId, productName);
        // A new session usually means a product change at the line: prepare its goldens on this silo, where the
        // session's ROIs will run, while the station takes its first picture.
        _ = WarmProductAsync(productName);
        return Status();
    }

    public Task<SessionStatus?> GetStatusAsync() => Task.FromResult(ProductName is null ? null : Status());

    public async Task<InspectionOutcome> InspectAsync(InspectionRequest request, IInspectionProgressObserver? observer,
        CancellationToken cancellationToken)
    {
        if (ProductName is not { } productName)
        {
            return InspectionOutcome.Refused(FailureKind.NotFound, NotFoundError);
        }

        if (_busy)
        {
            return InspectionOutcome.Refused(FailureKind.Busy, BusyError);
        }

        _busy = true;
        using var counted = live.Enter();
        try
        {
            var started = Stopwatch.GetTimestamp();
            state.State.LastActivity = DateTimeOffset.Now;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Value.Budget);

            var product = await products.GetSnapshotAsync(productName);

            // The fan-out: one worker call per ROI, sent as soon as its crop is cut (the workers run while the rest of
            // the picture is decoded), all awaited together.
            var calls = new List<Task<RoiResult>>();
            long? roiPhase = null;
            var prepared = await preparation.PrepareAsync(RoiOutputFolder.OfSession(paths, SessionId), productName, product, request, item =>
            {
                roiPhase ??= Stopwatch.GetTimestamp();
                calls.Add(InspectRoiAsync(item, observer, deadline.Token));
            }, deadline.Token);
            if (prepared.Failure is { } failure)
            {
                // The picture broke off after some ROIs had left: stop them; their answers belong to no inspection.
                await deadline.CancelAsync();
                await Task.WhenAll(calls);
                return new InspectionOutcome(null, failure);
            }

            var results = await Task.WhenAll(calls);
            var roiPhaseMs = roiPhase is { } first ? Stopwatch.GetElapsedTime(first).TotalMilliseconds : 0;

            // Linking has its own per-call timeout, and an answer that is late is still better than none.
            var assembled = await assembler.AssembleAsync(results, prepared.Snapshot!.Rois, request.Barcodes, CancellationToken.None);
            var response = assembled.ToResponse(SessionId, prepared.Snapshot!, prepared.Summarise(results, roiPhaseMs), request.ReceivedAt);
            var timing = new InspectionTiming(prepared.DecodeMs, roiPhaseMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds, results.Length);
            LogInspection(productName, SessionId, response.Overall.Passed ? "PASS" : "FAIL", results.Length,
                response.Overall.FailedRois, timing.DecodeMs, timing.RoiPhaseMs, timing.PipelineMs);
            var outcome = InspectionOutcome.Answered(response, timing);
            await RecordAsync(outcome, request);
            return outcome;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// One ROI through a worker of this silo. Whatever becomes of the call — an exception, the inspection's deadline —
    /// turns into this ROI's failed result, never a pass; the observer hears of every ROI once.
    /// </summary>
    private async Task<RoiResult> InspectRoiAsync(RoiWorkItem item, IInspectionProgressObserver? observer, CancellationToken deadline)
    {
        var roi = item.Roi;
        RoiResult result;
        try
        {
            result = await GrainFactory.GetGrain<IRoiInspectorGrain>(0).InspectAsync(item, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = RoiResult.Failed(roi, $"{roi.TypeName} processing failed: not finished within the inspection budget of {options.Value.BudgetSeconds} s", item.Group);
        }
        catch (Exception ex)
        {
            LogRoiCallFailed(ex, item.ProductName, roi.Idx);
            result = RoiResult.Failed(roi, $"{roi.TypeName} processing failed: {(string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message)}", item.Group);
        }

        if (observer is not null)
        {
            _ = observer.RoiFinishedAsync(result); // one-way: a slow or vanished watcher never delays the inspection
        }

        return result;
    }
}
