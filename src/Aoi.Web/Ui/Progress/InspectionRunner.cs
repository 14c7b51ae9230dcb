using Aoi.Grains.Options;
using Aoi.Web.Legacy;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Ui.Progress;

/// <summary>
/// Starts an inspection in the background and feeds its run: the session grain reports each ROI to an observer
/// object of this process, the final answer completes the run. Works alike with a co-hosted silo and as a client.
/// </summary>
public sealed partial class InspectionRunner(
    IGrainFactory grains,
    InspectionRunRegistry registry,
    IOptions<AoiOptions> options,
    ILogger<InspectionRunner> logger)
{
    public InspectionRun Start(SessionStatus session, InspectRequest request, string? picture)
    {
        var run = new InspectionRun(Guid.NewGuid().ToString("N"), session.SessionId, session.ProductName, picture,
            request.ReceivedAt);
        registry.Add(run);
        _ = Task.Run(() => ExecuteAsync(run, request));
        return run;
    }

    private async Task ExecuteAsync(InspectionRun run, InspectRequest request)
    {
        var threshold = options.Value.DefaultCompareThreshold;
        // The runtime holds observer objects weakly: this local keeps it alive until the inspection has answered.
        var observer = new InspectionProgressObserver(run, threshold);
        IInspectionProgressObserver? reference = null;
        try
        {
            reference = grains.CreateObjectReference<IInspectionProgressObserver>(observer);
            var outcome = await grains.GetGrain<IInspectionSessionGrain>(run.SessionId)
                .InspectWithProgressAsync(request, reference);
            if (outcome is { Status: StatusCodes.Status200OK, Response: { } response })
            {
                run.Complete(InspectionResponseJson.Single(response, threshold));
            }
            else
            {
                run.Fail(outcome.Status == StatusCodes.Status200OK ? StatusCodes.Status500InternalServerError : outcome.Status,
                    outcome.Error ?? "Internal server error", outcome.ValidationErrors);
            }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Asynchronous inspection {InspectionId} of session {SessionId} failed")]
    private partial void LogInspectionFailed(Exception exception, string inspectionId, string sessionId);
}
