using Aoi.Grains.Cfx;
using Aoi.Grains.Cfx.Messages;
using Aoi.Silo.Storage;
using Aoi.Tests.History;

namespace Aoi.Tests.Cfx;

/// <summary>What the CFX outbox must do on every database it runs on: run once per engine (SQLite file, PostgreSQL).</summary>
public abstract class CfxOutboxContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<HistoryTestDatabase> CreateAsync();

    public static CfxEnvelope Message(string name) =>
        CfxEnvelope.Publish(new EndpointConnected(name, null, null), "test.handle", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)));

    public static IReadOnlyList<CfxEnvelope> Group(params string[] names) => names.Select(Message).ToList();

    private static string HandleOf(CfxOutboxMessage m) => System.Text.Json.Nodes.JsonNode.Parse(m.Envelope)!["MessageBody"]!["CFXHandle"]!.ToString();

    [Fact]
    public async Task GroupsAreKeptWholeInOrderWithinTheCapacity()
    {
        await using var db = await CreateAsync();
        var outbox = new SqlCfxOutbox(db.Database);

        Assert.Equal(0, await outbox.AppendAsync([Group("a1", "a2", "a3"), Group("b1")], capacity: 6, Ct));
        // c would take the outbox to 7: refused whole; d still fits.
        Assert.Equal(3, await outbox.AppendAsync([Group("c1", "c2", "c3"), Group("d1", "d2")], capacity: 6, Ct));

        var waiting = await outbox.OldestAsync(100, Ct);
        Assert.Equal(["a1", "a2", "a3", "b1", "d1", "d2"], waiting.Select(HandleOf));
        Assert.Equal(6, await outbox.CountAsync(Ct));
        var first = waiting[0];
        var original = Message("a1");
        Assert.Equal((EndpointConnected.Name, "test.handle", original.TimeStamp), (first.MessageName, first.Source, first.TimeStamp));
        Assert.True(waiting.Zip(waiting.Skip(1)).All(p => p.First.Seq < p.Second.Seq));

        await outbox.RemoveThroughAsync(waiting[2].Seq, Ct);
        Assert.Equal(["b1", "d1", "d2"], (await outbox.OldestAsync(100, Ct)).Select(HandleOf));
        Assert.Equal(["b1", "d1"], (await outbox.OldestAsync(2, Ct)).Select(HandleOf));
        Assert.Equal(3, await outbox.CountAsync(Ct));
    }

    [Fact]
    public async Task OneSenderHoldsTheLeaseUntilItEndsOrIsReleased()
    {
        await using var db = await CreateAsync();
        var outbox = new SqlCfxOutbox(db.Database);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Null((await outbox.SenderAsync(Ct)).Owner);
        Assert.True(await outbox.TryHoldSenderAsync("silo-a", now, now.AddSeconds(30), Ct));
        Assert.False(await outbox.TryHoldSenderAsync("silo-b", now.AddSeconds(10), now.AddSeconds(40), Ct));
        await outbox.ReportSenderAsync("silo-a", true, null, now.AddSeconds(11), Ct);
        await outbox.ReportSenderAsync("silo-b", false, "not the holder", now.AddSeconds(12), Ct); // ignored
        Assert.True(await outbox.TryHoldSenderAsync("silo-a", now.AddSeconds(20), now.AddSeconds(50), Ct)); // renewed

        var held = await outbox.SenderAsync(Ct);
        Assert.Equal(("silo-a", now.AddSeconds(50), true, (string?)null), (held.Owner, held.LeaseUntil, held.Connected, held.LastError));

        // silo-a died: once its lease ran out, silo-b takes over and starts as "not connected".
        Assert.True(await outbox.TryHoldSenderAsync("silo-b", now.AddSeconds(51), now.AddSeconds(81), Ct));
        Assert.False((await outbox.SenderAsync(Ct)).Connected);
        await outbox.ReportSenderAsync("silo-b", false, "connection refused", now.AddSeconds(52), Ct);
        Assert.Equal("connection refused", (await outbox.SenderAsync(Ct)).LastError);

        await outbox.ReleaseSenderAsync("silo-b", Ct);
        Assert.True(await outbox.TryHoldSenderAsync("silo-a", now.AddSeconds(53), now.AddSeconds(83), Ct));
    }

    [Fact]
    public async Task TheOutboxMigrationRunsOnceWithTheHistorySchema()
    {
        await using var db = await CreateAsync();
        await new SqlCfxOutbox(db.Database).CountAsync(Ct); // first use migrates
        var dialect = db.SqliteFile is null ? HistoryMigrationRunner.PostgresDialect : HistoryMigrationRunner.SqliteDialect;
        Assert.Contains(HistoryMigrationRunner.Scripts(dialect), s => s is { Version: 2, Name: "CfxOutbox" });
        var again = db.SqliteFile is { } file
            ? await HistoryMigrationRunner.MigrateSqliteAsync(file, Ct)
            : await HistoryMigrationRunner.MigratePostgresAsync(db.PostgresConnectionString!, Ct);
        Assert.Empty(again);

        // The script itself is idempotent too: applied again by hand it changes nothing.
        await using var connection = await db.Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = EmbeddedSqlScripts.Read($"{dialect}-History-002-CfxOutbox.sql");
        await command.ExecuteNonQueryAsync(Ct);
        command.CommandText = "SELECT COUNT(*) FROM aoi_cfx_sender";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(Ct)));
    }
}

public sealed class SqliteCfxOutboxTests : CfxOutboxContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => Task.FromResult(HistoryTestDatabase.Sqlite());
}

public sealed class PostgresCfxOutboxTests : CfxOutboxContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => HistoryTestDatabase.PostgresAsync();
}
