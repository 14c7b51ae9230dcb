using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Grains.Inspection;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>The session's life around its inspections: status, history, warm-up, close and expiry.</summary>
public sealed partial class InspectionSessionGrain
{
    public async Task<CloseOutcome> CloseAsync()
    {
        if (ProductName is null)
        {
            return CloseOutcome.Refused(FailureKind.NotFound, NotFoundError);
        }

        if (_busy)
        {
            return CloseOutcome.Refused(FailureKind.Busy, BusyError, state.State.InspectionCount);
        }

        var outcome = await RemoveAsync();
        await SessionDirectory.UnregisterAsync(SessionId);
        return outcome;
    }

    public async Task<bool> ExpireIfIdleAsync(TimeSpan idleTimeout)
    {
        if (ProductName is null || _busy || DateTimeOffset.Now - state.State.LastActivity <= idleTimeout)
        {
            return false;
        }

        await RemoveAsync();

        // Not awaited: the directory may be the caller of this sweep, and waiting on it here would deadlock.
        _ = SessionDirectory.UnregisterAsync(SessionId);
        return true;
    }

    private SessionStatus Status()
    {
        var s = state.State;
        return new SessionStatus(SessionId, s.ProductName!, ClientInfo(s.ClientInfoJson), s.CreatedAt, s.LastActivity, s.InspectionCount, _busy);
    }

    /// <summary>client_info as stored (the JSON the station sent); a damaged stored value degrades to {}.</summary>
    private static JsonObject ClientInfo(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// Counts the answered inspection and hands it to the history (which keeps the crops before the next inspection
    /// can overwrite them; the database write is buffered). The answer goes back to the line even when the status
    /// cannot be stored: memory stays ahead and the next successful write catches the store up.
    /// </summary>
    private async Task RecordAsync(InspectionOutcome outcome, InspectionRequest request)
    {
        var s = state.State;
        var overall = outcome.Response!.Overall;
        s.LastActivity = DateTimeOffset.Now;
        s.InspectionCount++;
        s.LastInspectionAt = s.LastActivity;
        (s.LastPassed, s.LastTotalRois, s.LastPassedRois, s.LastFailedRois) = (overall.Passed, overall.TotalRois, overall.PassedRois, overall.FailedRois);
        recorder.Record(new InspectionRecordContext(SessionId, s.ProductName!, s.ClientInfoJson, request.Frames), outcome);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogStatusNotStored(ex, SessionId);
        }
    }

    private async Task WarmProductAsync(string productName)
    {
        try
        {
            if ((await products.GetSnapshotAsync(productName)).Snapshot is { } snapshot)
            {
                _ = warmup.WarmAsync(snapshot);
            }
        }
        catch (Exception ex)
        {
            LogWarmupNotStarted(ex, productName, SessionId);
        }
    }

    private async Task<CloseOutcome> RemoveAsync()
    {
        // Marked busy while the state is cleared so an inspection arriving meanwhile is refused, not started.
        _busy = true;
        try
        {
            var s = state.State;
            var outcome = new CloseOutcome(null, Math.Round((DateTimeOffset.Now - s.CreatedAt).TotalSeconds, 3), s.InspectionCount,
                SessionFolder.TryDelete(paths, SessionId, logger));
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inspection of {Product} in session {SessionId}: {Verdict}, {RoiCount} ROIs, {FailedRois} failed; decode {DecodeMs:F0} ms, ROI phase {RoiPhaseMs:F0} ms, total {TotalMs:F0} ms")]
    private partial void LogInspection(string product, string sessionId, string verdict, int roiCount, int failedRois,
        double decodeMs, double roiPhaseMs, double totalMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "ROI {RoiIdx} of product {Product}: the worker call failed")]
    private partial void LogRoiCallFailed(Exception exception, string product, int roiIdx);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: status after the inspection could not be stored")]
    private partial void LogStatusNotStored(Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the warm-up of {Product} for session {SessionId}")]
    private partial void LogWarmupNotStarted(Exception exception, string product, string sessionId);
}
