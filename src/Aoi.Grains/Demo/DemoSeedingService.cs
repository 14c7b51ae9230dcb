using Aoi.Grains.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Demo;

/// <summary>
/// Seeds the demo product at host start when Aoi:SeedDemo is true; the host reports started only after it finished, so
/// the README's first curl finds the product. A seeding failure is logged, not fatal: the demo is a convenience.
/// </summary>
public sealed class DemoSeedingService(AoiPaths paths, IOptions<AoiOptions> options, ILogger<DemoSeedingService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemo)
        {
            return;
        }

        try
        {
            await DemoSeeder.SeedIfMissingAsync(paths, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Demo product could not be seeded");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
