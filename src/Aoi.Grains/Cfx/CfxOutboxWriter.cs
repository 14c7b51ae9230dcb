using System.Threading.Channels;
using Aoi.Grains.Cfx.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>
/// Moves published messages from memory into the durable outbox: <see cref="TryEnqueue"/> never waits (a full
/// buffer drops the group and counts it), one background loop appends groups in publishing order, retrying a failed
/// database write with doubling delays before dropping (and counting) it. The first group is CFX.EndpointConnected.
/// </summary>
public sealed partial class CfxOutboxWriter : BackgroundService
{
    private const int MaxGroupsPerWrite = 100;
    private const int MaxWriteAttempts = 6;

    private readonly Channel<IReadOnlyList<CfxEnvelope>> buffer;
    private readonly ICfxOutbox outbox;
    private readonly CfxOutboxSignal signal;
    private readonly CfxMetrics metrics;
    private readonly CfxOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<CfxOutboxWriter> logger;

    public CfxOutboxWriter(ICfxOutbox outbox, CfxOutboxSignal signal, CfxMetrics metrics, IOptions<CfxOptions> options,
        TimeProvider time, ILogger<CfxOutboxWriter> logger)
    {
        this.outbox = outbox;
        this.signal = signal;
        this.metrics = metrics;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        buffer = Channel.CreateBounded<IReadOnlyList<CfxEnvelope>>(new BoundedChannelOptions(this.options.OutboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse instead of waiting or evicting
        });
        if (this.options.IsEnabled)
        {
            // Queued here, before anything can publish, so it is the first message of this process.
            var handle = this.options.Handle!;
            TryEnqueue([CfxEnvelope.Publish(new EndpointConnected(handle, null, null), handle, time.GetLocalNow())]);
        }
    }

    /// <summary>Hands the messages of one event over without waiting; false (and counted) when the buffer is full.</summary>
    public bool TryEnqueue(IReadOnlyList<CfxEnvelope> group)
    {
        if (buffer.Writer.TryWrite(group))
        {
            return true;
        }

        metrics.MessagesDropped(group.Count, CfxMetrics.DropBufferFull);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsEnabled)
        {
            return;
        }

        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAsync(TakeBatch(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A graceful stop keeps what is still in memory: one last write, bounded so that shutdown never hangs.
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var rest = TakeBatch(int.MaxValue);
            if (rest.Count > 0)
            {
                await WriteAsync(rest, last.Token, attempts: 1);
            }
        }
    }

    private List<IReadOnlyList<CfxEnvelope>> TakeBatch(int limit = MaxGroupsPerWrite)
    {
        var batch = new List<IReadOnlyList<CfxEnvelope>>();
        while (batch.Count < limit && buffer.Reader.TryRead(out var group))
        {
            batch.Add(group);
        }

        return batch;
    }

    private async Task WriteAsync(List<IReadOnlyList<CfxEnvelope>> batch, CancellationToken cancellationToken, int attempts = MaxWriteAttempts)
    {
        var delay = TimeSpan.FromMilliseconds(options.RetryDelayMs);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var refused = await outbox.AppendAsync(batch, options.OutboxCapacity, cancellationToken);
                if (refused > 0)
                {
                    metrics.MessagesDropped(refused, CfxMetrics.DropOutboxFull);
                    LogOutboxFull(refused, options.OutboxCapacity);
                }

                signal.Notify();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var messages = batch.Sum(g => g.Count);
                if (attempt >= attempts)
                {
                    LogDropped(ex, messages, attempt);
                    metrics.MessagesDropped(messages, CfxMetrics.DropDatabaseError);
                    return;
                }

                LogRetry(ex, messages, attempt, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CFX outbox full ({Capacity} messages): {Count} messages dropped")]
    private partial void LogOutboxFull(int count, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CFX outbox write of {Count} messages failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private partial void LogRetry(Exception exception, int count, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "CFX outbox write of {Count} messages dropped after {Attempts} attempts")]
    private partial void LogDropped(Exception exception, int count, int attempts);
}
