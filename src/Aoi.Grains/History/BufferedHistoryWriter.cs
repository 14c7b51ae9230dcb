using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.History;

/// <summary>
/// Puts history records between the inspection and the database: <see cref="TryEnqueue"/> never waits (a full
/// buffer drops the record and counts it), and one background loop drains the buffer in batches, retrying a failed
/// batch with doubling delays and dropping (and counting) it once the attempts are used up. A slow or hanging
/// database therefore costs history records, never inspection answers.
/// </summary>
public sealed partial class BufferedHistoryWriter : BackgroundService
{
    public const string DropBufferFull = "buffer_full";
    public const string DropRetriesExhausted = "retries_exhausted";

    private readonly Channel<InspectionRecord> buffer;
    private readonly IHistoryStore store;
    private readonly HistoryOptions options;
    private readonly AoiMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger<BufferedHistoryWriter> logger;
    private long dropped;
    private long written;

    public BufferedHistoryWriter(
        IHistoryStore store, IOptions<HistoryOptions> options, AoiMetrics metrics, TimeProvider time, ILogger<BufferedHistoryWriter> logger)
    {
        this.store = store;
        this.options = options.Value;
        this.metrics = metrics;
        this.time = time;
        this.logger = logger;
        buffer = Channel.CreateBounded<InspectionRecord>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse instead of waiting or evicting
        });
        metrics.ObserveQueueDepth(() => Depth);
    }

    /// <summary>Records waiting in the buffer.</summary>
    public long Depth => buffer.Reader.Count;

    /// <summary>Records lost since start (buffer full or retries exhausted).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Records stored since start.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Hand a record over without waiting; false (and counted) when the buffer is full.</summary>
    public bool TryEnqueue(InspectionRecord record)
    {
        if (buffer.Writer.TryWrite(record))
        {
            return true;
        }

        Drop(1, DropBufferFull);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<InspectionRecord>(options.BatchSize);
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.BatchSize && buffer.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                await WriteWithRetriesAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(Depth);
        }
    }

    private async Task WriteWithRetriesAsync(IReadOnlyList<InspectionRecord> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(options.RetryDelayMs);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.WriteAsync(batch, stoppingToken);
                Interlocked.Add(ref written, batch.Count);
                metrics.HistoryWritten(batch.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxWriteAttempts)
                {
                    LogBatchDropped(ex, batch.Count, attempt);
                    Drop(batch.Count, DropRetriesExhausted);
                    return;
                }

                LogRetry(ex, batch.Count, attempt, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    private void Drop(long count, string reason)
    {
        Interlocked.Add(ref dropped, count);
        metrics.HistoryDropped(count, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History batch of {Count} records failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private partial void LogRetry(Exception exception, int count, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "History batch of {Count} records dropped after {Attempts} attempts")]
    private partial void LogBatchDropped(Exception exception, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "History writer stopped with {Depth} records not written")]
    private partial void LogStopped(long depth);
}
