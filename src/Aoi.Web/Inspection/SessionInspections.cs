using Aoi.Grains.Inspection;
using Aoi.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Inspection;

/// <summary>
/// Calls a session's inspection so that a lost silo never leaves a station waiting. While the call runs, the session
/// is asked every few seconds whether it is still inspecting (a status read, which a reentrant session answers
/// during an inspection). When it no longer is — its silo died, or the session was reactivated on a survivor without
/// our inspection — the call is given up and the error handling answers 503 "inspection interrupted". A status read
/// that is merely slow (a silo busy with CPU-bound ROI work answers late) is not proof: only a refusal by the cluster,
/// an answer "not inspecting", or several unanswered reads in a row count. Without that,
/// a call whose gateway died with its silo would only end at Orleans' timeout. The inspection budget plus a grace
/// for the answer to travel is the last bound.
/// </summary>
public sealed partial class SessionInspections(
    IGrainFactory grains,
    IOptions<InspectionOptions> inspection,
    IOptions<WebOptions> web,
    ILogger<SessionInspections> logger)
{
    /// <summary>How often a running inspection's session is asked whether it is still at it.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(3);

    /// <summary>How long a status read may take before the session counts as unreachable.</summary>
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Unanswered status reads in a row after which the session counts as lost (about 18 s with the above).</summary>
    public const int MaxUnansweredReads = 3;

    /// <summary>Time left for an answer already on its way when the session has stopped inspecting.</summary>
    public static readonly TimeSpan ArrivalGrace = TimeSpan.FromSeconds(2);

    public TimeSpan Deadline => inspection.Value.Budget + TimeSpan.FromSeconds(web.Value.InspectionGraceSeconds);

    /// <summary>The grain's outcome; <see cref="OperationCanceledException"/> when the session was lost meanwhile.</summary>
    public async Task<InspectionOutcome> InspectAsync(string sessionId, InspectionRequest request, IInspectionProgressObserver? observer = null)
    {
        var session = grains.GetGrain<IInspectionSessionGrain>(sessionId);
        using var giveUp = new CancellationTokenSource(Deadline);
        var call = session.InspectAsync(request, observer, giveUp.Token);
        var unanswered = 0;
        while (await Task.WhenAny(call, Task.Delay(WatchInterval, giveUp.Token)) != call && !giveUp.IsCancellationRequested)
        {
            var watched = await ReadAsync(session);
            unanswered = watched == Watched.Unanswered ? unanswered + 1 : 0;
            var lost = watched == Watched.Stopped || unanswered >= MaxUnansweredReads;
            if (lost && await Task.WhenAny(call, Task.Delay(ArrivalGrace)) != call)
            {
                LogSessionLost(sessionId);
                await giveUp.CancelAsync();
                break;
            }
        }

        return await call;
    }

    private enum Watched
    {
        Inspecting,
        Stopped,
        Unanswered,
    }

    private static async Task<Watched> ReadAsync(IInspectionSessionGrain session)
    {
        try
        {
            return (await session.GetStatusAsync().WaitAsync(StatusTimeout))?.Busy == true ? Watched.Inspecting : Watched.Stopped;
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException)
        {
            return Watched.Stopped; // the cluster says its silo is gone: the inspection there cannot answer
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return Watched.Unanswered; // gone, or only slow: a few more reads decide
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} stopped inspecting without answering (its silo is lost); giving up the call")]
    private partial void LogSessionLost(string sessionId);
}
