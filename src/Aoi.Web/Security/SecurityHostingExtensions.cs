using Aoi.Silo.Hosting;
using Aoi.Web.Security.Audit;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Security;

public static class SecurityHostingExtensions
{
    /// <summary>Access control settings (validated at start) and the audit recorder's services.</summary>
    public static WebApplicationBuilder AddAoiSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .PostConfigure(o => o.TrustLoopback ??= !AoiOrleansOptions.From(configuration).IsClient)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<AuditSnapshots>();
        return builder;
    }

    /// <summary>After routing (the policy needs the endpoint), before any endpoint reads the request.</summary>
    public static IApplicationBuilder UseAoiSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessControlMiddleware>().UseMiddleware<AuditMiddleware>();
}
