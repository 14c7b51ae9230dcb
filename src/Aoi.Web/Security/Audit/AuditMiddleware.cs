using Aoi.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace Aoi.Web.Security.Audit;

/// <summary>
/// Writes every successful change to products, ROI and colour configurations and golden samples to the day's audit
/// grain: who (from access control), when, the endpoint, the target, and the state before and after. Runs after
/// access control, so refused calls never reach it; failed changes (non-2xx) are not recorded.
/// </summary>
public sealed partial class AuditMiddleware(
    RequestDelegate next, AuditSnapshots snapshots, IGrainFactory grains, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (pattern is null || AuditedEndpoints.ScopeOf(context.Request.Method, pattern) is not { } scope)
        {
            await next(context);
            return;
        }

        var target = await AuditTargetReader.ReadAsync(context, pattern, context.RequestAborted);
        var before = snapshots.Take(scope, target);
        await next(context);

        var status = context.Response.StatusCode;
        if (status is < 200 or >= 300)
        {
            return;
        }

        var caller = context.Caller();
        var now = time.GetLocalNow();
        var entry = new AuditEntry(now, caller?.Name ?? "anonymous", caller?.RoleName ?? "none",
            $"{context.Request.Method} {context.Request.Path}", target.Product, target.RoiId, status,
            before, snapshots.Take(scope, target));
        try
        {
            await grains.GetGrain<IAuditLogGrain>(AuditDay.Key(now)).AppendAsync(entry);
        }
        catch (Exception ex)
        {
            // The change is done and answered; losing its audit line must be loud, not undo the change.
            LogAuditFailed(ex, entry.Action, entry.Who);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for {Action} by {Who} could not be stored")]
    private partial void LogAuditFailed(Exception exception, string action, string who);
}
