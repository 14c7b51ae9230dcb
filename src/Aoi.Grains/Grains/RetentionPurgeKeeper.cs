using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Aoi.Grains.Grains;

/// <summary>
/// Makes sure the purge reminder exists: every silo asks the purge grain to (re)register it once started. The
/// registration is idempotent, so several silos doing it is harmless, and a reminder table that does not persist
/// (the in-memory one) gets it back at the next start.
/// </summary>
public sealed partial class RetentionPurgeKeeper(IGrainFactory grains, ILogger<RetentionPurgeKeeper> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionPurgeKeeper), ServiceLifecycleStage.Active, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: the silo must not wait for a grain call (and the reminder service) to finish starting.
        _ = Task.Run(ScheduleAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ScheduleAsync()
    {
        try
        {
            await grains.GetGrain<IRetentionPurgeGrain>(0).EnsureScheduledAsync();
        }
        catch (Exception ex)
        {
            LogScheduleFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history purge reminder could not be registered; expired history is not purged until it is")]
    private partial void LogScheduleFailed(Exception exception);
}
