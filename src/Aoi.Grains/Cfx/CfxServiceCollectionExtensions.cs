using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

public static class CfxServiceCollectionExtensions
{
    /// <summary>
    /// The CFX status side for every host with the cluster database (silo or front end): options from "Aoi:Cfx"
    /// (validated at start), the outbox store and the bus monitor of /api/health. Needs an IHistoryDatabase.
    /// </summary>
    public static IServiceCollection AddAoiCfxStatus(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<CfxOptions>().BindConfiguration(CfxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CfxOptions>, CfxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICfxOutbox, SqlCfxOutbox>();
        services.TryAddSingleton<CfxBusMonitor>();
        return services;
    }

    /// <summary>
    /// Publishing for silos: the publisher the inspection recorder (and the review station) call, the outbox writer
    /// and the sender (hosted services that stay idle while CFX is off), and the AMQP transport. TryAdd, so tests can
    /// replace the transport or the outbox.
    /// </summary>
    public static IServiceCollection AddAoiCfxPublishing(this IServiceCollection services)
    {
        services.AddAoiCfxStatus();
        if (services.Any(d => d.ServiceType == typeof(CfxOutboxWriter)))
        {
            return services; // registered already: a second hosted writer or sender would run twice
        }

        services.TryAddSingleton<CfxMetrics>();
        services.TryAddSingleton<CfxOutboxSignal>();
        services.TryAddSingleton<ICfxTransport, AmqpCfxTransport>();
        services.TryAddSingleton<CfxOutboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CfxOutboxWriter>());
        services.TryAddSingleton<CfxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CfxSender>());
        services.TryAddSingleton<CfxPublisher>();
        return services;
    }

    /// <summary>
    /// Review verdicts on the bus: CFX publishing in this process (the outbox is shared through the cluster database,
    /// one sender per cluster) and the sink the review service tells about each verdict, replacing the silent default.
    /// </summary>
    public static IServiceCollection AddAoiCfxReviewVerdicts(this IServiceCollection services)
    {
        services.AddAoiCfxPublishing();
        services.Replace(ServiceDescriptor.Singleton<Review.IReviewVerdictSink, CfxReviewVerdictSink>());
        return services;
    }
}
