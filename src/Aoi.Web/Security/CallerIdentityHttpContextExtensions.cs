namespace Aoi.Web.Security;

/// <summary>The identity <see cref="AccessControlMiddleware"/> found for a request.</summary>
public static class CallerIdentityHttpContextExtensions
{
    public static CallerIdentity? Caller(this HttpContext context) =>
        context.Items.TryGetValue(typeof(CallerIdentity), out var value) ? value as CallerIdentity : null;
}
