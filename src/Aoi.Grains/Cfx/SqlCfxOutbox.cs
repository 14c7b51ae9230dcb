using System.Globalization;
using Aoi.Grains.Cfx.Messages;
using Aoi.Grains.History;
using static Aoi.Grains.History.SqlCommands;

namespace Aoi.Grains.Cfx;

/// <summary>
/// <see cref="ICfxOutbox"/> in the history database (tables from the host's history migrations,
/// Storage/Sql/*-History-002-CfxOutbox.sql), in SQL both SQLite and PostgreSQL accept. Appends are serialised
/// (SQLite's write lock, a PostgreSQL advisory lock), so the capacity holds cluster-wide and seq order is commit order.
/// </summary>
public sealed class SqlCfxOutbox(IHistoryDatabase database) : ICfxOutbox
{
    /// <summary>Advisory lock key of outbox appends on PostgreSQL ("AOIC" in ASCII).</summary>
    public const long AppendLockKey = 0x414F4943;

    public async Task<int> AppendAsync(IReadOnlyList<IReadOnlyList<CfxEnvelope>> groups, int capacity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Kind == "postgres")
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AppendLockKey})", cancellationToken);
        }

        long count;
        await using (var counting = Command(connection, transaction, "SELECT COUNT(*) FROM aoi_cfx_outbox"))
        {
            count = Convert.ToInt64(await counting.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var refused = 0;
        foreach (var group in groups)
        {
            if (count + group.Count > capacity)
            {
                refused += group.Count;
                continue;
            }

            foreach (var envelope in group)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO aoi_cfx_outbox (unique_id, message_name, source, time_stamp_ms, envelope) VALUES (@id, @name, @source, @at, @envelope)",
                    cancellationToken, ("id", envelope.UniqueID.ToString()), ("name", envelope.MessageName), ("source", envelope.Source),
                    ("at", envelope.TimeStamp.ToUnixTimeMilliseconds()), ("envelope", CfxJson.Serialize(envelope)));
            }

            count += group.Count;
        }

        await transaction.CommitAsync(cancellationToken);
        return refused;
    }

    public async Task<IReadOnlyList<CfxOutboxMessage>> OldestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT seq, unique_id, message_name, source, time_stamp_ms, envelope FROM aoi_cfx_outbox ORDER BY seq LIMIT @limit",
            ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<CfxOutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new CfxOutboxMessage(Long(reader, 0), Guid.Parse(reader.GetString(1)), reader.GetString(2),
                NullableText(reader, 3), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 4)), reader.GetString(5)));
        }

        return messages;
    }

    public async Task RemoveThroughAsync(long seq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "DELETE FROM aoi_cfx_outbox WHERE seq <= @seq", cancellationToken, ("seq", seq));
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, "SELECT COUNT(*) FROM aoi_cfx_outbox", cancellationToken),
            CultureInfo.InvariantCulture);
    }

    public async Task<bool> TryHoldSenderAsync(string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A new holder starts as "not connected": it has not reached the broker yet.
        var updated = await ExecuteAsync(connection, null,
            "UPDATE aoi_cfx_sender SET connected = CASE WHEN owner = @owner THEN connected ELSE 0 END, " +
            "last_error = CASE WHEN owner = @owner THEN last_error ELSE NULL END, " +
            "owner = @owner, lease_until_ms = @until, updated_at_ms = @now " +
            "WHERE id = 1 AND (owner = @owner OR owner IS NULL OR lease_until_ms < @now)",
            cancellationToken, ("owner", owner), ("until", until.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds()));
        return updated == 1;
    }

    public async Task ReportSenderAsync(string owner, bool connected, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            "UPDATE aoi_cfx_sender SET connected = @connected, last_error = @error, updated_at_ms = @now WHERE id = 1 AND owner = @owner",
            cancellationToken, ("connected", Bit(connected)), ("error", error), ("now", now.ToUnixTimeMilliseconds()), ("owner", owner));
    }

    public async Task ReleaseSenderAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            "UPDATE aoi_cfx_sender SET owner = NULL, lease_until_ms = 0, connected = 0 WHERE id = 1 AND owner = @owner",
            cancellationToken, ("owner", owner));
    }

    public async Task<CfxSenderState> SenderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT owner, lease_until_ms, connected, last_error, updated_at_ms FROM aoi_cfx_sender WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new CfxSenderState(null, DateTimeOffset.UnixEpoch, false, null, DateTimeOffset.UnixEpoch);
        }

        return new CfxSenderState(NullableText(reader, 0), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 1)), Int(reader, 2) != 0,
            NullableText(reader, 3), DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 4)));
    }
}
