using Microsoft.Data.Sqlite;

namespace Aoi.Silo.Storage;

/// <summary>
/// Creates the tables and named queries the Orleans ADO.NET grain storage reads (the package ships no SQL).
/// Idempotent: safe on every start and when several silos start on the same file at once.
/// </summary>
public static class SqliteSchemaInstaller
{
    /// <summary>Create the database file if needed, switch it to WAL and apply the schema scripts.</summary>
    public static async Task InstallAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = SqliteDatabase.NewConnection(SqliteDatabase.ConnectionString(databaseFile));
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers run beside the single writer and is stored in the file, so every later connection (the
        // provider opens its own) inherits it. It cannot be changed inside a transaction, hence before the script.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        // IMMEDIATE takes the write lock up front, so two silos installing at once queue rather than deadlock.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, EmbeddedSqlScripts.Read(EmbeddedSqlScripts.SqliteGrainStorage), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
