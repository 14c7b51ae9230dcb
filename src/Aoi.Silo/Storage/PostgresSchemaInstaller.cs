using Npgsql;

namespace Aoi.Silo.Storage;

/// <summary>
/// Creates the tables and named queries the Orleans ADO.NET clustering and grain storage providers read on PostgreSQL
/// (the packages ship no SQL). Idempotent, and safe when several silos start at once: the scripts run in one
/// transaction under a transaction-scoped advisory lock, so concurrent installers queue instead of racing on
/// CREATE TABLE IF NOT EXISTS (which is not atomic against a concurrent create).
/// </summary>
public static class PostgresSchemaInstaller
{
    /// <summary>Advisory lock key of the schema install: any constant shared by every installer ("AOI" in ASCII).</summary>
    public const long SchemaLockKey = 0x414F49;

    /// <summary>Apply the clustering and grain storage scripts to the database of <paramref name="connectionString"/>.</summary>
    public static async Task InstallAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"PostgreSQL at {target.Host}:{target.Port} database '{target.Database}' is not reachable: {ex.Message}", ex);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey});", cancellationToken);
        await ExecuteAsync(connection, transaction, EmbeddedSqlScripts.Read(EmbeddedSqlScripts.PostgreSqlClustering), cancellationToken);
        await ExecuteAsync(connection, transaction, EmbeddedSqlScripts.Read(EmbeddedSqlScripts.PostgreSqlGrainStorage), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
