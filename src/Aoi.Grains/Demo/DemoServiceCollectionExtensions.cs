using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Grains.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>Seeds the demo product and pictures at start when Aoi:SeedDemo is true (default).</summary>
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services) =>
        services.AddHostedService<DemoSeedingService>();
}
