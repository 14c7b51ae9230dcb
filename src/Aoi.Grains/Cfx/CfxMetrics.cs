using System.Diagnostics.Metrics;
using Aoi.Grains.History;

namespace Aoi.Grains.Cfx;

/// <summary>
/// CFX instruments on the server's meter (<see cref="AoiMetrics.MeterName"/>): aoi_cfx_sent_total,
/// aoi_cfx_dropped_total{reason} and the gauge aoi_cfx_outbox_depth, plus in-process totals for tests and logs.
/// </summary>
public sealed class CfxMetrics
{
    public const string DropBufferFull = "buffer_full";
    public const string DropOutboxFull = "outbox_full";
    public const string DropDatabaseError = "database_error";

    private readonly Counter<long> sent;
    private readonly Counter<long> dropped;
    private long sentTotal;
    private long droppedTotal;
    private long depth;

    public CfxMetrics(IMeterFactory meterFactory)
    {
        // The factory hands out one shared Meter per name, owned (and disposed) by the factory.
        var meter = meterFactory.Create(AoiMetrics.MeterName);
        sent = meter.CreateCounter<long>("aoi_cfx_sent", description: "CFX messages accepted by the broker");
        dropped = meter.CreateCounter<long>("aoi_cfx_dropped",
            description: "CFX messages lost: publish buffer full, outbox full, or the database refused them");
        meter.CreateObservableGauge("aoi_cfx_outbox_depth", () => Interlocked.Read(ref depth),
            description: "CFX messages waiting in the outbox for the broker");
    }

    /// <summary>Messages the broker accepted since start (this process).</summary>
    public long Sent => Interlocked.Read(ref sentTotal);

    /// <summary>Messages lost since start (this process).</summary>
    public long Dropped => Interlocked.Read(ref droppedTotal);

    public void MessageSent()
    {
        Interlocked.Increment(ref sentTotal);
        sent.Add(1);
    }

    public void MessagesDropped(long count, string reason)
    {
        Interlocked.Add(ref droppedTotal, count);
        dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
    }

    public void OutboxDepth(long waiting) => Interlocked.Exchange(ref depth, waiting);
}
