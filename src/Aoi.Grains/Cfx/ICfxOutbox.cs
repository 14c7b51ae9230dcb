using Aoi.Grains.Cfx.Messages;

namespace Aoi.Grains.Cfx;

/// <summary>
/// The durable CFX outbox in the cluster database: messages in the order they were published, and the sender lease
/// that lets exactly one process of the cluster send them.
/// </summary>
public interface ICfxOutbox
{
    /// <summary>
    /// Appends each group (the messages of one event) whole, in order, while the outbox stays within
    /// <paramref name="capacity"/> messages; returns the number of messages of the groups that did not fit.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<IReadOnlyList<CfxEnvelope>> groups, int capacity, CancellationToken cancellationToken);

    /// <summary>The oldest waiting messages, oldest first.</summary>
    Task<IReadOnlyList<CfxOutboxMessage>> OldestAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Forgets the messages up to and including <paramref name="seq"/> (they were sent).</summary>
    Task RemoveThroughAsync(long seq, CancellationToken cancellationToken);

    /// <summary>Messages waiting.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Takes or renews the sender lease until <paramref name="until"/>; false while another owner holds it.</summary>
    Task<bool> TryHoldSenderAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Records the holder's view of the broker (ignored when <paramref name="owner"/> no longer holds the lease).</summary>
    Task ReportSenderAsync(string owner, bool connected, string? error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives the lease up, so another process can take over at once.</summary>
    Task ReleaseSenderAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The lease row: who sends, until when, and what it last knew of the broker.</summary>
    Task<CfxSenderState> SenderAsync(CancellationToken cancellationToken);
}

/// <summary>One waiting message: its place in the order, what the AMQP message properties need, and the envelope JSON.</summary>
public sealed record CfxOutboxMessage(long Seq, Guid UniqueId, string MessageName, string? Source, DateTimeOffset TimeStamp, string Envelope)
{
    /// <summary>A message that is sent without waiting in the outbox (a heartbeat).</summary>
    public static CfxOutboxMessage Direct(CfxEnvelope envelope) =>
        new(0, envelope.UniqueID, envelope.MessageName, envelope.Source, envelope.TimeStamp, CfxJson.Serialize(envelope));
}

/// <summary>The sender lease row (owner null = nobody sends).</summary>
public sealed record CfxSenderState(string? Owner, DateTimeOffset LeaseUntil, bool Connected, string? LastError, DateTimeOffset UpdatedAt);
