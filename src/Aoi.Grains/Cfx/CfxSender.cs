using Aoi.Grains.Cfx.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>
/// Sends the outbox to the broker, oldest first, one message at a time, each removed only after the broker accepted
/// it (at-least-once: a crash between the two sends that message again; receivers de-duplicate on UniqueID). Only the
/// holder of the sender lease sends, so the silos of a cluster never interleave; the others stand by and take over
/// when the holder's lease runs out. While connected, a CFX.Heartbeat goes out every HeartbeatSeconds. Any failure
/// closes the connection and retries after a doubling delay; nothing here is ever awaited by an inspection.
/// </summary>
public sealed partial class CfxSender(
    ICfxOutbox outbox,
    ICfxTransport transport,
    CfxOutboxSignal signal,
    CfxMetrics metrics,
    IOptions<CfxOptions> options,
    TimeProvider time,
    ILogger<CfxSender> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <summary>How long a lease lasts without renewal; a stand-by takes over at most this long after a holder died.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle sender looks for messages appended by other processes (and renews its lease).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly CfxOptions settings = options.Value;
    private readonly string owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private (bool Connected, string? Error)? reported;
    private DateTimeOffset nextHeartbeat;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.IsEnabled)
        {
            return;
        }

        LogStarting(CfxOptionsValidator.Redacted(settings.Broker!), settings.Address!, settings.Handle!);
        var delay = TimeSpan.FromMilliseconds(settings.RetryDelayMs);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await RunOnceAsync(stoppingToken))
                    {
                        delay = TimeSpan.FromMilliseconds(settings.RetryDelayMs);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailure(ex, delay.TotalMilliseconds);
                    await transport.CloseAsync();
                    await ReportAsync(false, ex.Message, stoppingToken);
                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to release the connection and the lease.
        }
        finally
        {
            await transport.CloseAsync();
            await ReleaseAsync();
        }
    }

    /// <summary>One round: hold the lease, be connected, send one batch, heartbeat when due; true when it got through.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (!await outbox.TryHoldSenderAsync(owner, now, now + LeaseDuration, stoppingToken))
        {
            // Another process sends; stand by.
            await transport.CloseAsync();
            reported = null;
            await signal.WaitAsync(PollInterval, stoppingToken);
            return true;
        }

        if (!transport.IsOpen)
        {
            await transport.OpenAsync(stoppingToken);
            nextHeartbeat = time.GetUtcNow();
            await ReportAsync(true, null, stoppingToken);
            LogConnected();
        }

        var sent = await SendBatchAsync(stoppingToken);
        metrics.OutboxDepth(await outbox.CountAsync(stoppingToken));
        if (time.GetUtcNow() >= nextHeartbeat)
        {
            var handle = settings.Handle!;
            await transport.SendAsync(CfxOutboxMessage.Direct(
                CfxEnvelope.Publish(new Heartbeat(handle, settings.HeartbeatInterval), handle, time.GetLocalNow())), stoppingToken);
            metrics.MessageSent();
            nextHeartbeat = time.GetUtcNow() + settings.HeartbeatInterval;
        }

        if (sent == 0)
        {
            var untilHeartbeat = nextHeartbeat - time.GetUtcNow();
            await signal.WaitAsync(TimeSpan.FromTicks(Math.Clamp(untilHeartbeat.Ticks, 0, PollInterval.Ticks)), stoppingToken);
        }

        return true;
    }

    /// <summary>Sends the oldest waiting messages in order; what the broker accepted leaves the outbox even when a later one fails.</summary>
    private async Task<int> SendBatchAsync(CancellationToken stoppingToken)
    {
        var batch = await outbox.OldestAsync(BatchSize, stoppingToken);
        long? lastSent = null;
        try
        {
            foreach (var message in batch)
            {
                await transport.SendAsync(message, stoppingToken);
                lastSent = message.Seq;
                metrics.MessageSent();
            }
        }
        finally
        {
            if (lastSent is { } seq)
            {
                await outbox.RemoveThroughAsync(seq, CancellationToken.None);
            }
        }

        return batch.Count;
    }

    /// <summary>Records the broker state for /api/health when it changed; a database that cannot take it is no reason to stop.</summary>
    private async Task ReportAsync(bool connected, string? error, CancellationToken stoppingToken)
    {
        if (reported == (connected, error))
        {
            return;
        }

        try
        {
            await outbox.ReportSenderAsync(owner, connected, error, time.GetUtcNow(), stoppingToken);
            reported = (connected, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogReportFailed(ex);
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await outbox.ReleaseSenderAsync(owner, budget.Token);
        }
        catch (Exception ex)
        {
            LogReportFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CFX: publishing to {Broker} address {Address} as {Handle}")]
    private partial void LogStarting(string broker, string address, string handle);

    [LoggerMessage(Level = LogLevel.Information, Message = "CFX: connected to the broker")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "CFX: broker or outbox unavailable; retrying in {DelayMs} ms (inspections are not affected)")]
    private partial void LogFailure(Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CFX: the sender state could not be stored")]
    private partial void LogReportFailed(Exception exception);
}
