using Aoi.Grains.Engines;
using Aoi.Grains.Linking;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aoi.Silo.Hosting;

public static class AoiHostingExtensions
{
    /// <summary>Grain storage provider name used by every persisted grain.</summary>
    public const string StorageName = "aoi";

    /// <summary>
    /// Hosts an AOI silo in this process (embedded default). First version: localhost clustering and in-memory
    /// storage; the hosting work replaces the storage with ADO.NET on SQLite.
    /// </summary>
    public static IHostApplicationBuilder AddAoiOrleans(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAoiCoreServices(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddMemoryGrainStorage(StorageName);
        });
        return builder;
    }

    /// <summary>Options, paths, stores and engines shared by silo hosts.</summary>
    public static IServiceCollection AddAoiCoreServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AoiOptions>().Bind(configuration.GetSection(AoiOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<AoiPaths>();
        services.TryAddSingleton<ProductConfigStore>();
        services.TryAddSingleton<IBarcodeLinker, DisabledBarcodeLinker>();
        services.AddAoiEngines();
        return services;
    }
}
