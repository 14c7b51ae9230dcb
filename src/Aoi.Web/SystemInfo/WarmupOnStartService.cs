using Aoi.Grains.Engines;
using Aoi.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Web.SystemInfo;

/// <summary>Starts engine warm-up in the background at start-up (spec 3.1 step 7) without delaying the server.</summary>
public sealed class WarmupOnStartService(EngineWarmup warmup, IOptions<WebOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUpOnStart)
        {
            _ = warmup.EnsureStartedAsync();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
