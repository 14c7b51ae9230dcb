using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Inspection;
using Aoi.Web.Legacy;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Ui.Progress;

/// <summary>
/// Starts an inspection in the background and feeds its run: the session grain reports each ROI to an observer
/// object of this process, the final answer completes the run. Works alike with a co-hosted silo and as a client.
/// </summary>
public sealed partial class InspectionRunner(
    IGrainFactory grains,
    SessionInspections inspections,
    InspectionRunRegistry registry,
    IOptions<AoiOptions> options,
    ILogger<InspectionRunner> logger)
{
    public InspectionRun Start(SessionStatus session, InspectionRequest request, string? picture)
    {
        var run = new InspectionRun(Guid.NewGuid().ToString("N"), session.SessionId, session.ProductName, picture,
            request.ReceivedAt);
        registry.Add(run);
        _ = Task.Run(() => ExecuteAsync(run, request));
        return run;
    }

    private async Task ExecuteAsync(InspectionRun run, InspectionRequest request)
    {
        var threshold = options.Value.DefaultCompareThreshold;
        // The runtime holds observer objects weakly: this local keeps it alive until the inspection has answered.
        var observer = new InspectionProgressObserver(run, threshold);
        IInspectionProgressObserver? reference = null;
        try
        {
            reference = grains.CreateObjectReference<IInspectionProgressObserver>(observer);
            var outcome = await inspections.InspectAsync(run.SessionId, request, reference);
            if (outcome.Failure is { } failure)
            {
                run.Fail(FailureStatus.Of(failure.Kind), failure.Error, failure.ValidationErrors);
            }
            else
            {
                run.Complete(InspectionResponseJson.Single(outcome.Response!, threshold));
            }
        }
        catch (Exception ex) when (ClusterUnavailable.IsTransient(ex, CancellationToken.None))
        {
            LogInspectionInterrupted(run.Id, run.SessionId, $"{ex.GetType().Name}: {ex.Message}");
            run.Fail(StatusCodes.Status503ServiceUnavailable, ClusterUnavailable.InspectionError, null);
        }
        catch (Exception ex)
        {
            LogInspectionFailed(ex, run.Id, run.SessionId);
            run.Fail(StatusCodes.Status500InternalServerError, "Internal server error", null);
        }
        finally
        {
            if (reference is not null)
            {
                grains.DeleteObjectReference<IInspectionProgressObserver>(reference);
            }

            GC.KeepAlive(observer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous inspection {InspectionId} of session {SessionId} interrupted by the cluster ({Reason})")]
    private partial void LogInspectionInterrupted(string inspectionId, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Asynchronous inspection {InspectionId} of session {SessionId} failed")]
    private partial void LogInspectionFailed(Exception exception, string inspectionId, string sessionId);
}
