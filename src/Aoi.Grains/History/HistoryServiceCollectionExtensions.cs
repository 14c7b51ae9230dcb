using Aoi.Grains.Cfx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aoi.Grains.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// The history read side and metrics, for every host that answers history queries (silo or front end). Needs an
    /// <see cref="IHistoryDatabase"/> from the host. TryAdd, so tests can replace the store.
    /// </summary>
    public static IServiceCollection AddAoiHistoryQueries(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AoiMetrics>();
        services.TryAddSingleton<IHistoryDatabase, UnconfiguredHistoryDatabase>();
        services.TryAddSingleton<IHistoryStore, SqlHistoryStore>();
        services.TryAddSingleton<Review.IReviewStore, Review.SqlReviewStore>();
        services.TryAddSingleton<HistoryImageKeeper>();
        return services;
    }

    /// <summary>
    /// The write side for silos: recorder, buffered writer (a hosted service), the retention purger, and CFX
    /// publishing, which the recorder feeds.
    /// </summary>
    public static IServiceCollection AddAoiHistoryRecording(this IServiceCollection services)
    {
        services.AddAoiHistoryQueries();
        services.AddAoiCfxPublishing();
        if (services.Any(d => d.ServiceType == typeof(BufferedHistoryWriter)))
        {
            return services; // registered already: a second hosted writer would drain the same buffer twice
        }

        services.TryAddSingleton<BufferedHistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BufferedHistoryWriter>());
        services.TryAddSingleton<InspectionRecorder>();
        services.TryAddSingleton<RetentionPurger>();
        return services;
    }
}
