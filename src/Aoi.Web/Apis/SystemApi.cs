using Aoi.Grains.Cfx;
using Microsoft.AspNetCore.Mvc;
using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using System.Text.Json.Nodes;
using Aoi.Web.Hosting;
using Aoi.Web.Http;
using Aoi.Web.Legacy;
using Aoi.Web.SystemInfo;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Apis;

/// <summary>Landing, health, status and engine initialisation (spec 7.1).</summary>
public static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("System");

        api.MapGet("/", Landing).WithName("Landing").WithSummary("Landing information with links to the documentation");
        api.MapGet("/api", Landing).WithName("ApiLanding").WithSummary("Landing information with links to the documentation");
        api.MapGet("/api/health", Health).WithName("ApiHealth").WithSummary("Health: healthy or degraded, engines, open sessions, message bus");
        api.MapGet("/health", Health).WithName("Health").WithSummary("Health (same keys as /api/health)");
        api.MapGet("/api/status", Status).WithName("Status").WithSummary("Server status: current product, busy sessions, uptime in seconds");
        api.MapPost("/api/initialize", Initialize).WithName("Initialize").WithSummary("Load and warm the inspection engines (idempotent)");
        return app;
    }

    private static IResult Landing() => LegacyResults.Json(new JsonObject
    {
        ["message"] = "Visual AOI inspection server",
        ["documentation"] = "/apidocs/",
        ["api_docs"] = "/api/docs",
        ["guide"] = "/api/docs/guide",
        ["health"] = "/api/health",
    });

    /// <remarks>
    /// The CFX message bus is reported on its own (<c>message_bus</c>): a broker outage delays messages, never
    /// inspections, so it never turns the server's status to degraded.
    /// </remarks>
    private static async Task<IResult> Health(SessionOverview sessions, [FromServices] EngineWarmup? warmup,
        [FromServices] StartupModelWarmup? models, CfxBusMonitor bus, TimeProvider time, CancellationToken cancellationToken)
    {
        var busRead = bus.ReadAsync(cancellationToken);
        var snapshot = await sessions.ReadAsync();
        var messageBus = await busRead;
        var engines = warmup?.Last;
        var healthy = engines is null or { Healthy: true } && snapshot.Available;
        return LegacyResults.Json(new JsonObject
        {
            ["status"] = healthy ? "healthy" : "degraded",
            ["timestamp"] = WireTime.Iso(time.GetLocalNow()),
            ["modules_available"] = ModulesAvailable(warmup),
            ["initialized"] = Initialized(warmup, models),
            ["active_sessions"] = snapshot.Available ? snapshot.Sessions.Count : null,
            ["message_bus"] = new JsonObject
            {
                ["status"] = messageBus.Status,
                ["pending"] = messageBus.Pending,
                ["error"] = messageBus.Error,
            },
        });
    }

    private static async Task<IResult> Status(SessionOverview sessions, [FromServices] EngineWarmup? warmup,
        [FromServices] StartupModelWarmup? models, ServerClock clock)
    {
        var snapshot = await sessions.ReadAsync();
        return LegacyResults.Json(new JsonObject
        {
            ["initialized"] = Initialized(warmup, models),
            ["current_product"] = snapshot.CurrentProduct,
            ["inspection_in_progress"] = snapshot.Sessions.Any(s => s.Busy),
            ["active_sessions"] = snapshot.Available ? snapshot.Sessions.Count : null,
            ["modules_available"] = ModulesAvailable(warmup),
            ["uptime"] = Math.Round(clock.UptimeSeconds, 3),
        });
    }

    /// <remarks>
    /// Waits, within one budget (AoiWeb:InitializeWaitSeconds, inside the 25 s the line clients allow), for the engines
    /// and then for this silo's start-up warm-up (every product's compare models ready and an inspection of each
    /// rehearsed), so a station that initializes before its first session — both line clients do — gets a first
    /// inspection as fast as a warm one. Past the budget it answers that initialization is still in progress.
    /// </remarks>
    private static async Task<IResult> Initialize([FromServices] EngineWarmup? warmup, [FromServices] StartupModelWarmup? models,
        IOptions<WebOptions> options)
    {
        if (warmup is null)
        {
            // Client mode: the engines live on the silos, which warm them when they start.
            return LegacyResults.Json(new JsonObject
            {
                ["success"] = true,
                ["message"] = "System initialized: the inspection engines run on the cluster's silos",
                ["modules_available"] = true,
            });
        }

        var budget = Task.Delay(TimeSpan.FromSeconds(options.Value.InitializeWaitSeconds));
        var run = warmup.EnsureStartedAsync();
        if (await Task.WhenAny(run, budget) != run)
        {
            return InProgress(warmup, "engines are still warming up");
        }

        var report = await run;
        if (!report.Healthy)
        {
            return LegacyResults.Json(new JsonObject
            {
                ["success"] = false,
                ["message"] = $"System initialization failed: {string.Join("; ", report.Failures)}",
                ["modules_available"] = false,
            });
        }

        if (models is not null && await Task.WhenAny(models.Completion, budget) != models.Completion)
        {
            return InProgress(warmup, "the products' compare models are still being prepared");
        }

        return LegacyResults.Json(new JsonObject
        {
            ["success"] = true,
            ["message"] = "System initialized successfully",
            ["modules_available"] = true,
        });
    }

    private static IResult InProgress(EngineWarmup warmup, string what) => LegacyResults.Json(new JsonObject
    {
        ["success"] = true,
        ["message"] = $"System initialization in progress: {what}",
        ["modules_available"] = ModulesAvailable(warmup),
    });

    /// <summary>
    /// Engines loaded and, on a silo that warms at start, every product's compare models built: a station that waits
    /// for this gets a first inspection as fast as a warm one. A front end in client mode carries neither.
    /// </summary>
    private static bool Initialized(EngineWarmup? warmup, StartupModelWarmup? models) =>
        (warmup is null || warmup.Last is { Healthy: true }) && (models is null || models.Finished);

    /// <summary>
    /// False once an engine is known to have failed; engines not yet warmed are registered and presumed usable. No
    /// warm-up here (client mode): the silos own the engines.
    /// </summary>
    private static bool ModulesAvailable(EngineWarmup? warmup) => warmup?.Last is null or { Healthy: true };
}
