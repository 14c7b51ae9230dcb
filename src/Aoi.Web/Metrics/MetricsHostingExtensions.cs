using Aoi.Grains.Cfx;
using Aoi.Grains.History;
using Aoi.Silo.Hosting;
using Aoi.Silo.Storage;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;

namespace Aoi.Web.Metrics;

public static class MetricsHostingExtensions
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// OpenTelemetry metrics of the meter "Aoi" exported for Prometheus, the history read side and the CFX bus status
    /// (in client mode the front end reads the cluster's database itself).
    /// </summary>
    public static WebApplicationBuilder AddAoiInsight(this WebApplicationBuilder builder)
    {
        builder.Services.AddAoiHistoryDatabase(AoiOrleansOptions.From(builder.Configuration));
        builder.Services.AddAoiCfxStatus();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AoiMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>/metrics (Prometheus text format) and the Orleans Dashboard; access control makes both admin-only.</summary>
    public static IEndpointRouteBuilder MapAoiInsight(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapOrleansDashboard(routePrefix: DashboardPath);
        return app;
    }
}
