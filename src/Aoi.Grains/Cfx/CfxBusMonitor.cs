using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>
/// Reads the bus state from the outbox tables, so any process of the cluster (the front end in client mode too)
/// reports what the sending silo last knew. Bounded in time: a slow database makes it "degraded", never a hang.
/// </summary>
public sealed class CfxBusMonitor(ICfxOutbox outbox, IOptions<CfxOptions> options, TimeProvider time)
{
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(2);

    public async Task<CfxBusStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var enabled = options.Value.IsEnabled;
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(ReadBudget);
            var sender = await outbox.SenderAsync(budget.Token);
            var live = sender.Owner is not null && sender.LeaseUntil > time.GetUtcNow();
            if (!live && !enabled)
            {
                return new CfxBusStatus(CfxBusStatus.Off, null, null);
            }

            var pending = await outbox.CountAsync(budget.Token);
            return !live ? new CfxBusStatus(CfxBusStatus.Degraded, pending, "no server is sending CFX messages")
                : sender.Connected ? new CfxBusStatus(CfxBusStatus.Connected, pending, null)
                : new CfxBusStatus(CfxBusStatus.Degraded, pending, sender.LastError ?? "not connected to the broker yet");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return enabled ? new CfxBusStatus(CfxBusStatus.Degraded, null, $"outbox unreadable: {ex.Message}")
                : new CfxBusStatus(CfxBusStatus.Off, null, null);
        }
    }
}
