using Aoi.Web.Http;

namespace Aoi.Web.Security;

/// <summary>
/// Runs after routing, before any endpoint reads the body: anonymous callers of a protected endpoint get 401, callers
/// below its role 403. Unknown routes pass through to their 404. The identity is left on the context for the audit log.
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, CallerResolver callers)
{
    public const string KeyRequired = "API key required";
    public const string InvalidKey = "Invalid API key";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        var required = EndpointAccessPolicy.RequiredRole(context.Request.Method, pattern);
        var caller = callers.Resolve(context, out var invalidKey);
        if (caller is not null)
        {
            context.Items[typeof(CallerIdentity)] = caller;
        }

        if (required is not { } role)
        {
            await next(context);
            return;
        }

        if (caller is null)
        {
            // Written here rather than thrown: the error middleware clears headers, and a 401 names its scheme.
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{CallerResolver.ApiKeyHeader}\"";
            await LegacyResults.Error(StatusCodes.Status401Unauthorized, invalidKey ? InvalidKey : KeyRequired).ExecuteAsync(context);
            return;
        }

        if (caller.Role < role)
        {
            await LegacyResults.Error(StatusCodes.Status403Forbidden, $"Forbidden: requires {AoiRoles.Name(role)}").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
