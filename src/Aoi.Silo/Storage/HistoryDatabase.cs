using System.Data.Common;
using Aoi.Grains.History;
using Npgsql;

namespace Aoi.Silo.Storage;

/// <summary>
/// The history's database: the cluster's own SQLite file or PostgreSQL database. The schema is migrated on the
/// first connection rather than at host start, so a database that is briefly unreachable at start only delays
/// the history (the buffered writer retries) instead of stopping the silo; a failed migration is tried again.
/// </summary>
public sealed class HistoryDatabase : IHistoryDatabase
{
    private readonly Func<DbConnection> connect;
    private readonly Func<CancellationToken, Task> migrate;
    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool migrated;

    private HistoryDatabase(string kind, Func<DbConnection> connect, Func<CancellationToken, Task> migrate)
    {
        Kind = kind;
        this.connect = connect;
        this.migrate = migrate;
    }

    public string Kind { get; }

    public static HistoryDatabase Sqlite(string databaseFile)
    {
        var connectionString = SqliteDatabase.ConnectionString(databaseFile);
        return new HistoryDatabase("sqlite", () => SqliteDatabase.NewConnection(connectionString),
            ct => HistoryMigrationRunner.MigrateSqliteAsync(databaseFile, ct));
    }

    public static HistoryDatabase Postgres(string connectionString) =>
        new("postgres", () => new NpgsqlConnection(connectionString),
            ct => HistoryMigrationRunner.MigratePostgresAsync(connectionString, ct));

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        var connection = connect();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (migrated)
        {
            return;
        }

        await migrating.WaitAsync(cancellationToken);
        try
        {
            if (!migrated)
            {
                await migrate(cancellationToken);
                migrated = true;
            }
        }
        finally
        {
            migrating.Release();
        }
    }
}
