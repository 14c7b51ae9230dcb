using Aoi.Web.Http;
using Microsoft.AspNetCore.Authorization;

namespace Aoi.Web.Metrics;

/// <summary>
/// Lets a request through only when the caller satisfies the "admin" policy: 401 for anonymous callers, 403 for
/// others, with the contract's <c>error</c> key. A middleware rather than endpoint metadata because the dashboard's
/// endpoints are mapped by its package, and because a challenge without an authentication scheme would be a 500.
/// </summary>
public sealed class AdminOnlyMiddleware(RequestDelegate next)
{
    public const string AdminOnly = "Admin only";

    public async Task InvokeAsync(HttpContext context, IAuthorizationService authorization)
    {
        var result = await authorization.AuthorizeAsync(context.User, null, AdminPolicy.Name);
        if (result.Succeeded)
        {
            await next(context);
            return;
        }

        var status = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        await LegacyResults.Error(status, AdminOnly).ExecuteAsync(context);
    }
}
