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
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Aoi.Silo.Hosting;

public static class AoiHostingExtensions
{
    /// <summary>Grain storage provider name used by every persisted grain.</summary>
    public const string StorageName = AoiStorageSiloBuilderExtensions.StorageName;

    /// <summary>Orleans call timeout: above the longest client wait (grouped inspection, 180 s).</summary>
    public static readonly TimeSpan InspectionCallTimeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Joins this process to Orleans as chosen by Aoi:Orleans:Mode: "cohosted" (default) runs a silo here; "client"
    /// connects to standalone silos. Aoi:Orleans:Clustering and :Storage pick localhost + SQLite (default) or the
    /// cluster's PostgreSQL database (<see cref="AoiClusteringExtensions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAoiOrleans(this IHostApplicationBuilder builder)
    {
        var orleans = AoiOrleansOptions.From(builder.Configuration);
        if (!orleans.IsClient)
        {
            return builder.AddAoiSilo(orleans);
        }

        builder.Services.AddAoiCoreServices(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseAoiClustering(orleans);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = InspectionCallTimeout);
        });
        return builder;
    }

    /// <summary>A silo in this process (the standalone host and the co-hosted mode) on the configured ports.</summary>
    public static IHostApplicationBuilder AddAoiSilo(this IHostApplicationBuilder builder, AoiOrleansOptions? orleans = null)
    {
        orleans ??= AoiOrleansOptions.From(builder.Configuration);
        builder.Services.AddAoiCoreServices(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseAoiClustering(orleans);
            silo.AddAoiSiloServices(orleans);
        });
        return builder;
    }

    /// <summary>What every AOI silo carries besides clustering: grain storage and the idle-session sweep.</summary>
    public static ISiloBuilder AddAoiSiloServices(this ISiloBuilder silo, AoiOrleansOptions? orleans = null)
    {
        orleans ??= AoiOrleansOptions.From(silo.Configuration);
        silo.AddAoiGrainStorage(orleans);
        silo.AddAoiHistory(orleans);
        silo.Services.AddAoiInspection();
        // A ROI call may wait for a free worker slot before its own RoiTimeoutSeconds budget starts, and a grouped
        // inspection may run for minutes (W waits 180 s): keep Orleans' call timeout above both so a slow call
        // ends as a failed ROI from our own timeout, not as an Orleans TimeoutException.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = InspectionCallTimeout);
        silo.Services.TryAddSingleton<SessionExpirySweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionExpiryKeeper>();
        return silo;
    }

    /// <summary>Options, paths, stores and engines shared by silo hosts.</summary>
    public static IServiceCollection AddAoiCoreServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AoiOptions>().Bind(configuration.GetSection(AoiOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AoiOptions>, AoiOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AoiFolderInitializer>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AoiPaths>();
        services.TryAddSingleton<ProductConfigStore>();
        services.AddBarcodeLinking(configuration);
        services.AddAoiEngines();
        services.AddAoiReviewGuard();
        services.AddDemoSeeding();
        return services;
    }
}
