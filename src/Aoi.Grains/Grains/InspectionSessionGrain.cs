using Aoi.Grains.History;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Aoi.Grains.Grains;

/// <summary>
/// A line client's session (spec 5): persisted status, its folder in the shared root, one inspection at a time.
/// </summary>
/// <remarks>
/// Reentrant on purpose: a second inspection (or a close) must be refused with 409 at once instead of queueing
/// behind the running one, and status reads must answer during an inspection. The busy flag is checked and set
/// within one turn (no await in between), so the check is atomic.
/// </remarks>
[Reentrant]
public sealed class InspectionSessionGrain(
    [PersistentState("session", "aoi")] IPersistentState<InspectionSessionState> state,
    InspectionPipeline pipeline,
    AoiPaths paths,
    ILogger<InspectionSessionGrain> logger,
    InspectionRecorder recorder,
    IProductSnapshotSource snapshots,
    ProductWarmup warmup) : Grain, IInspectionSessionGrain
{
    public const string BusyError = "Another inspection is in progress";
    public const string NotFoundError = "Session not found";

    private bool _busy;

    private SessionDirectoryRegistration SessionDirectory => new(GrainFactory, logger);

    private string SessionId => this.GetPrimaryKeyString();

    private bool Exists => state.State.ProductName is not null;

    public async Task<SessionStatus?> CreateAsync(string productName, string clientInfoJson)
    {
        if (Exists)
        {
            return Status();
        }

        if (!paths.ProductExists(productName))
        {
            return null;
        }

        var folder = paths.SessionFolder(SessionId);
        foreach (var sub in new[] { "input", "output", "captures" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        var now = DateTimeOffset.Now;
        state.State = new InspectionSessionState
        {
            ProductName = productName,
            ClientInfoJson = string.IsNullOrWhiteSpace(clientInfoJson) ? "{}" : clientInfoJson,
            CreatedAt = now,
            LastActivity = now,
        };
        await state.WriteStateAsync();
        await SessionDirectory.RegisterAsync(SessionId, productName);
        // A new session usually means a product change at the line: prepare its goldens on this silo, where the
        // session's ROIs will run, while the station takes its first picture.
        _ = WarmProductAsync(productName);
        return Status();
    }

    private async Task WarmProductAsync(string productName)
    {
        try
        {
            if ((await snapshots.GetSnapshotAsync(productName)).Snapshot is { } snapshot)
            {
                _ = warmup.WarmAsync(snapshot);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not start the warm-up of {Product} for session {Session}", productName, SessionId);
        }
    }

    public Task<SessionStatus?> GetStatusAsync() => Task.FromResult(Exists ? Status() : null);

    public Task<InspectionOutcome> InspectAsync(InspectRequest request) =>
        RunExclusiveAsync(target => pipeline.InspectAsync(target, request), [request.Image]);

    public Task<InspectionOutcome> InspectWithProgressAsync(InspectRequest request, IInspectionProgressObserver observer) =>
        RunExclusiveAsync(target => pipeline.InspectAsync(target with { Dispatch = Reporting(target.Dispatch, observer) }, request),
            [request.Image]);

    public Task<InspectionOutcome> InspectGroupedAsync(GroupedInspectRequest request) =>
        RunExclusiveAsync(target => pipeline.InspectGroupedAsync(target, request),
            request.Groups.Where(g => g.Image is not null).Select(g => g.Image!).ToArray());

    public async Task<CloseOutcome> CloseAsync()
    {
        if (!Exists)
        {
            return new CloseOutcome(404, NotFoundError, 0, 0, false);
        }

        if (_busy)
        {
            return new CloseOutcome(409, BusyError, 0, state.State.InspectionCount, false);
        }

        var outcome = await RemoveAsync();
        await SessionDirectory.UnregisterAsync(SessionId);
        return outcome;
    }

    public async Task<bool> ExpireIfIdleAsync(TimeSpan idleTimeout)
    {
        if (!Exists || _busy || DateTimeOffset.Now - state.State.LastActivity <= idleTimeout)
        {
            return false;
        }

        await RemoveAsync();

        // Not awaited: the directory may be the caller of this sweep, and waiting on it here would deadlock.
        _ = SessionDirectory.UnregisterAsync(SessionId);
        return true;
    }

    /// <summary>
    /// Tells the observer about each ROI the moment its worker answers. A call that throws is turned into a failed
    /// ROI by the pipeline and is not reported here; the final response still carries it.
    /// </summary>
    private static Func<RoiWorkItem, Task<RoiResult>> Reporting(
        Func<RoiWorkItem, Task<RoiResult>> dispatch, IInspectionProgressObserver observer) => async item =>
    {
        var result = await dispatch(item);
        if (result is not null)
        {
            _ = observer.RoiFinishedAsync(result);
        }

        return result!;
    };

    private async Task<InspectionOutcome> RunExclusiveAsync(
        Func<InspectionTarget, Task<InspectionOutcome>> inspect, IReadOnlyList<ImageInput> frames)
    {
        if (!Exists)
        {
            return InspectionOutcome.Fail(404, NotFoundError);
        }

        if (_busy)
        {
            return InspectionOutcome.Fail(409, BusyError);
        }

        _busy = true;
        try
        {
            state.State.LastActivity = DateTimeOffset.Now;
            var workers = GrainFactory.GetGrain<IRoiInspectorGrain>(0);
            var outcome = await inspect(new InspectionTarget(SessionId, state.State.ProductName!, workers.InspectAsync));
            Record(outcome);
            // History keeps the crops before the next inspection can overwrite them; the database write is buffered.
            recorder.Record(new InspectionRecordContext(SessionId, state.State.ProductName!, state.State.ClientInfoJson, frames), outcome);
            await PersistAfterInspectionAsync();
            return outcome;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>
    /// The inspection has already happened: its answer goes back to the line even when the status cannot be
    /// stored; the in-memory status stays ahead and the next successful write catches the store up.
    /// </summary>
    private async Task PersistAfterInspectionAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId}: status after the inspection could not be stored", SessionId);
        }
    }

    private void Record(InspectionOutcome outcome)
    {
        var s = state.State;
        s.LastActivity = DateTimeOffset.Now;
        if (outcome.Response is { } response)
        {
            s.InspectionCount++;
            s.LastInspectionAt = s.LastActivity;
            (s.LastPassed, s.LastTotalRois, s.LastPassedRois, s.LastFailedRois) =
                (response.Overall.Passed, response.Overall.TotalRois, response.Overall.PassedRois, response.Overall.FailedRois);
        }
    }

    private async Task<CloseOutcome> RemoveAsync()
    {
        // Marked busy while the state is cleared so an inspection arriving meanwhile is refused, not started.
        _busy = true;
        try
        {
            var s = state.State;
            var outcome = new CloseOutcome(200, null, Math.Round((DateTimeOffset.Now - s.CreatedAt).TotalSeconds, 3),
                s.InspectionCount, DeleteFolder());
            await state.ClearStateAsync();
            state.State = new InspectionSessionState();
            DeactivateOnIdle();
            return outcome;
        }
        finally
        {
            _busy = false;
        }
    }

    private bool DeleteFolder()
    {
        var folder = paths.SessionFolder(SessionId);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Session {SessionId}: folder {Folder} could not be deleted", SessionId, folder);
            return false;
        }
    }

    private SessionStatus Status()
    {
        var s = state.State;
        return new SessionStatus(SessionId, s.ProductName!, s.ClientInfoJson, s.CreatedAt, s.LastActivity, s.InspectionCount, _busy);
    }
}
