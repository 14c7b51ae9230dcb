using Aoi.Grains.Cfx;
using Aoi.Grains.History;
using Aoi.Silo.Hosting;
using Aoi.Silo.Storage;
using Aoi.Web.Apis;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;

namespace Aoi.Web.Metrics;

public static class MetricsHostingExtensions
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// OpenTelemetry metrics of the meter "Aoi" exported for Prometheus, the history read side and the CFX bus status
    /// (in client mode the front end reads the cluster's database itself), the Orleans Dashboard and the "admin"
    /// policy it sits behind.
    /// </summary>
    public static WebApplicationBuilder AddAoiInsight(this WebApplicationBuilder builder)
    {
        var orleans = AoiOrleansOptions.From(builder.Configuration);
        builder.Services.AddAoiHistoryDatabase(orleans);
        builder.Services.AddAoiCfxStatus();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AoiMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddAuthorization();
        builder.Services.PostConfigure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(AdminPolicy.AddStandIn);
        // The dashboard package needs ASP.NET Core, so only the front end carries it: the co-hosted silo collects
        // for it; in client mode the front end shows what its client sees (standalone silos have no collector).
        if (orleans.IsClient)
        {
            builder.UseOrleansClient(client => client.AddDashboard());
        }
        else
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }

        return builder;
    }

    /// <summary>/metrics (Prometheus text format), the history API and pages, and /dashboard behind the admin check.</summary>
    public static WebApplication MapAoiInsight(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapHistoryApi();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPath),
            admin => admin.UseMiddleware<AdminOnlyMiddleware>());
        app.MapOrleansDashboard(routePrefix: DashboardPath);
        return app;
    }
}
