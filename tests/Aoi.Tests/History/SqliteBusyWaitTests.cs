using Aoi.Silo.Storage;
using Aoi.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace Aoi.Tests.History;

/// <summary>
/// Every connection to the embedded database lets SQLite itself wait for the write lock, so a write that meets another
/// (a session's status and the history's record of the same inspection) waits for it to end instead of sleeping
/// Microsoft.Data.Sqlite's fixed 150 ms between retries.
/// </summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string ConnectionString => SqliteDatabase.ConnectionString(Path.Combine(_temp.Path, SqliteDatabase.FileName));

    [Fact]
    public void ConnectionsOfTheHistoryWaitForTheWriteLockInSqlite()
    {
        using var connection = SqliteDatabase.NewConnection(ConnectionString);
        connection.Open();

        Assert.Equal(SqliteDatabase.BusyTimeoutSeconds * 1000L, BusyTimeout(connection));
    }

    [Fact]
    public async Task ConnectionsOfTheGrainStorageWaitForTheWriteLockInSqlite()
    {
        await using var source = SqliteDatabase.DataSource(ConnectionString);
        await using var connection = await source.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.IsAssignableFrom<SqliteConnection>(connection); // what Orleans' ADO.NET storage checks for the SQLite invariant
        Assert.Equal(SqliteDatabase.BusyTimeoutSeconds * 1000L, BusyTimeout((SqliteConnection)connection));
    }

    [Fact]
    public void APlainConnectionLeavesTheWaitToTheDriver()
    {
        // The reason for the above: without the pragma SQLite answers SQLITE_BUSY at once.
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();

        Assert.Equal(0L, BusyTimeout(connection));
    }

    [Fact]
    public async Task AWriteWaitsForAnotherConnectionsTransactionAndThenSucceeds()
    {
        using var holder = SqliteDatabase.NewConnection(ConnectionString);
        holder.Open();
        Execute(holder, "CREATE TABLE t (x INTEGER)");
        using var transaction = holder.BeginTransaction();
        Execute(holder, "INSERT INTO t VALUES (1)", transaction);

        var waiting = Task.Run(() =>
        {
            using var writer = SqliteDatabase.NewConnection(ConnectionString);
            writer.Open();
            Execute(writer, "INSERT INTO t VALUES (2)");
        }, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted, "the second writer went ahead while the first held the write lock");
        transaction.Commit();
        await waiting;

        using var count = holder.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    private static long BusyTimeout(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
