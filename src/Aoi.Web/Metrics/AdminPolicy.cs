using Microsoft.AspNetCore.Authorization;

namespace Aoi.Web.Metrics;

/// <summary>
/// The named authorization policy "admin" that guards admin-only pages (the Orleans Dashboard). The security layer
/// (Web/Security) defines what an admin is by registering a policy under this name; until it does, the stand-in
/// below requires the role "admin", which no anonymous caller has, so the pages stay closed rather than open.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "admin";
    public const string Role = "admin";

    public static void AddStandIn(AuthorizationOptions options)
    {
        if (options.GetPolicy(Name) is null)
        {
            options.AddPolicy(Name, policy => policy.RequireRole(Role));
        }
    }
}
