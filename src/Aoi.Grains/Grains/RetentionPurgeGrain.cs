using Aoi.Grains.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aoi.Grains.Grains;

/// <summary>
/// The cluster's only history purger (key 0). A reminder rather than a timer: reminders survive deactivation and
/// the loss of the silo holding the grain, so the purge keeps its schedule on a multi-silo cluster, and the single
/// activation means two silos never purge the same folders at once.
/// </summary>
public sealed partial class RetentionPurgeGrain(
    RetentionPurger purger,
    IOptions<HistoryOptions> options,
    ILogger<RetentionPurgeGrain> logger) : Grain, IRetentionPurgeGrain, IRemindable
{
    public const string ReminderName = "history-retention-purge";

    private Task<PurgeSummary>? running;

    public async Task EnsureScheduledAsync()
    {
        var period = TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);
        // The first tick comes one minute after start, not one period: a server restarted daily would otherwise
        // never purge with a long period.
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), period);
    }

    public Task<PurgeSummary> PurgeNowAsync() => PurgeOnceAsync();

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        try
        {
            await PurgeOnceAsync();
        }
        catch (Exception ex)
        {
            // The next tick tries again; a failing purge must not unregister the reminder.
            LogPurgeFailed(ex);
        }
    }

    // A tick and a manual purge arriving together share one run instead of deleting the same folders twice.
    private Task<PurgeSummary> PurgeOnceAsync()
    {
        if (running is { IsCompleted: false })
        {
            return running;
        }

        running = purger.PurgeAsync();
        return running;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "History retention purge failed; retried at the next reminder tick")]
    private partial void LogPurgeFailed(Exception exception);
}
