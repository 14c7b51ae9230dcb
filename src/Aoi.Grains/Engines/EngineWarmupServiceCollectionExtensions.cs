using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aoi.Grains.Engines;

public static class EngineWarmupServiceCollectionExtensions
{
    /// <summary>
    /// Warms the evaluators in the background at host start (standalone silos; switch: Aoi:Warmup:OnStart). Needs the
    /// engines (<see cref="EngineServiceCollectionExtensions.AddAoiEngines"/>) and AoiPaths registered.
    /// </summary>
    public static IServiceCollection AddEngineWarmupOnStart(this IServiceCollection services)
    {
        services.AddOptions<EngineWarmupOptions>().BindConfiguration(EngineWarmupOptions.SectionName);
        services.TryAddSingleton<EngineWarmup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EngineWarmupService>());
        return services;
    }
}
