using Aoi.Grains.Demo;
using Aoi.Grains.Engines;
using Aoi.Grains.Grains;
using Aoi.Grains.Inspection;
using Aoi.Grains.Linking;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Aoi.Grains.Review;
using Aoi.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Aoi.Silo.Hosting;

/// <summary>The one place where Orleans is set up, for the co-hosted front end, its client mode and standalone silos.</summary>
public static class AoiHostingExtensions
{
    /// <summary>Grain storage provider name used by every persisted grain.</summary>
    public const string StorageName = AoiStorageSiloBuilderExtensions.StorageName;

    /// <summary>
    /// Joins this process to Orleans as chosen by Aoi:Orleans:Mode: "cohosted" (default) runs a silo here; "client"
    /// connects to standalone silos and carries no engines, since ROI work runs on the silos. Aoi:Orleans:Clustering
    /// and :Storage pick localhost + SQLite (default) or the cluster's PostgreSQL database. The host adds its own
    /// Orleans extras (the front end: the dashboard) through <paramref name="silo"/> and <paramref name="client"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAoiOrleans(this IHostApplicationBuilder builder,
        Action<ISiloBuilder>? silo = null, Action<IClientBuilder>? client = null)
    {
        var orleans = AoiOrleansOptions.From(builder.Configuration);
        if (!orleans.IsClient)
        {
            return builder.AddAoiSilo(orleans, silo);
        }

        builder.AddAoiCommon();
        builder.UseOrleansClient(c =>
        {
            c.UseAoiClustering(orleans);
            c.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
            client?.Invoke(c);
        });
        return builder;
    }

    /// <summary>A silo in this process (the standalone host and the co-hosted mode) on the configured ports.</summary>
    public static IHostApplicationBuilder AddAoiSilo(this IHostApplicationBuilder builder, AoiOrleansOptions? orleans = null,
        Action<ISiloBuilder>? configure = null)
    {
        orleans ??= AoiOrleansOptions.From(builder.Configuration);
        builder.AddAoiCommon();
        builder.UseOrleans(silo =>
        {
            silo.UseAoiClustering(orleans);
            silo.AddAoiSiloServices(orleans);
            configure?.Invoke(silo);
        });
        return builder;
    }

    /// <summary>
    /// What every AOI silo carries besides clustering: grain storage, history, the inspection path with its engines and
    /// their warm-up, the review station's regression guard over the golden libraries, linking, demo seeding, the idle-session sweep, short call timeouts and LAN failure detection.
    /// </summary>
    public static ISiloBuilder AddAoiSiloServices(this ISiloBuilder silo, AoiOrleansOptions? orleans = null)
    {
        orleans ??= AoiOrleansOptions.From(silo.Configuration);
        silo.AddAoiGrainStorage(orleans);
        silo.AddAoiHistory(orleans);
        silo.Services.AddAoiInspection();
        silo.Services.AddAoiEngines();
        silo.Services.AddEngineWarmupOnStart();
        silo.Services.AddSingleton<StartupModelWarmup>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<StartupModelWarmup>());
        silo.Services.AddAoiReviewGuard();
        silo.Services.AddBarcodeLinking(silo.Configuration);
        silo.Services.AddDemoSeeding();
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = orleans.ResponseTimeout);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(orleans.ProbeTimeoutSeconds);
            o.NumMissedProbesLimit = orleans.MissedProbesLimit;
        });
        // ROI workers run CPU-bound engine steps in their turns by design; only a turn past the ROI budget is news.
        silo.Services.AddOptions<SchedulingOptions>().Configure<IOptions<AoiOptions>>((o, aoi) =>
            o.TurnWarningLengthThreshold = TimeSpan.FromSeconds(aoi.Value.RoiTimeoutSeconds));
        silo.Services.TryAddSingleton<SessionExpirySweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionExpiryKeeper>();
        return silo;
    }

    /// <summary>Options, paths and the product store, which both modes use (the front end reads product folders too).</summary>
    public static IServiceCollection AddAoiCoreServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAoiOptions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AoiFolderInitializer>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProductConfigStore>();
        services.AddAoiInspectionOptions();
        return services;
    }

    private static void AddAoiCommon(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAoiCoreServices(builder.Configuration);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupReport>());
        // Operators read Information: one line per inspection, start-up, failures. Libraries speak up only for warnings
        // (Polly logs every grain placement attempt at Information).
        foreach (var category in new[] { "Orleans", "Microsoft.Orleans", "Polly" })
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }
    }
}
