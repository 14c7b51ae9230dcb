using Aoi.Grains.History;
using Aoi.Silo.Storage;
using Aoi.Tests.Cluster;
using Npgsql;

namespace Aoi.Tests.History;

/// <summary>
/// A private history database for one test: a temp SQLite file, or a fresh schema in the PostgreSQL of
/// AOI_TEST_POSTGRES (dropped afterwards), so tests never see each other's rows.
/// </summary>
public sealed class HistoryTestDatabase : IAsyncDisposable
{
    private readonly Func<Task> cleanup;

    private HistoryTestDatabase(IHistoryDatabase database, string dataRoot, Func<Task> cleanup)
    {
        Database = database;
        DataRoot = dataRoot;
        this.cleanup = cleanup;
    }

    public IHistoryDatabase Database { get; }

    /// <summary>Data root for kept images of this test.</summary>
    public string DataRoot { get; }

    public string? SqliteFile { get; private init; }

    public string? PostgresConnectionString { get; private init; }

    public static HistoryTestDatabase Sqlite()
    {
        var root = Directory.CreateTempSubdirectory("aoi-history-").FullName;
        var file = Path.Combine(root, SqliteDatabase.FileName);
        return new HistoryTestDatabase(HistoryDatabase.Sqlite(file), root, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(root);
            return Task.CompletedTask;
        }) { SqliteFile = file };
    }

    public static async Task<HistoryTestDatabase> PostgresAsync()
    {
        var server = ClusterTestStorage.RequirePostgres();
        var schema = "aoi_history_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var scoped = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        var root = Directory.CreateTempSubdirectory("aoi-history-").FullName;
        return new HistoryTestDatabase(HistoryDatabase.Postgres(scoped), root, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
            TryDelete(root);
        }) { PostgresConnectionString = scoped };
    }

    public async ValueTask DisposeAsync() => await cleanup();

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
