using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines;

/// <summary>
/// Starts <see cref="EngineWarmup"/> when the host starts, without waiting for it: the silo joins the cluster and
/// takes calls at once, and a ROI arriving during warm-up simply loads its engine itself (every engine loads lazily
/// and once).
/// </summary>
public sealed class EngineWarmupService(EngineWarmup warmup, IOptions<EngineWarmupOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.OnStart)
        {
            _ = warmup.EnsureStartedAsync();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
