using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Aoi.Silo.Storage;

/// <summary>
/// Brings the history schema up to date: the embedded scripts &lt;Dialect&gt;-History-&lt;NNN&gt;-&lt;name&gt;.sql run
/// in version order, each at most once, recorded in aoi_history_migrations. The whole run is one transaction under
/// the database's write lock (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock), so silos starting together
/// queue and the second finds the work done. A new schema version is a new script, never an edit of an old one.
/// </summary>
public static partial class HistoryMigrationRunner
{
    public const string SqliteDialect = "Sqlite";
    public const string PostgresDialect = "PostgreSql";

    /// <summary>Advisory lock key of the history migrations ("AOIH" in ASCII), distinct from the Orleans schema lock.</summary>
    public const long MigrationLockKey = 0x414F4948;

    /// <summary>Versions applied by this run (empty when the schema was current).</summary>
    public static async Task<IReadOnlyList<int>> MigrateSqliteAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = SqliteDatabase.NewConnection(SqliteDatabase.ConnectionString(databaseFile));
        await connection.OpenAsync(cancellationToken);
        // WAL lets history queries read while the writer and grain storage write; set outside any transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = await ApplyAsync(connection, transaction, SqliteDialect,
            "CREATE TABLE IF NOT EXISTS aoi_history_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL);",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    public static async Task<IReadOnlyList<int>> MigratePostgresAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey});", cancellationToken);
        var applied = await ApplyAsync(connection, transaction, PostgresDialect,
            "CREATE TABLE IF NOT EXISTS aoi_history_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at_ms BIGINT NOT NULL);",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The embedded migrations of a dialect, in version order.</summary>
    public static IReadOnlyList<(int Version, string Name, string FileName)> Scripts(string dialect)
    {
        var pattern = new Regex($@"\.{Regex.Escape(dialect)}-History-(\d{{3}})-([A-Za-z0-9_-]+)\.sql$", RegexOptions.CultureInvariant);
        var scripts = typeof(HistoryMigrationRunner).Assembly.GetManifestResourceNames()
            .Select(n => pattern.Match(n))
            .Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value,
                $"{dialect}-History-{m.Groups[1].Value}-{m.Groups[2].Value}.sql"))
            .OrderBy(s => s.Item1)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Item1).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two {dialect} history migrations share version {duplicate.Key}");
        }

        return scripts;
    }

    private static async Task<IReadOnlyList<int>> ApplyAsync(
        DbConnection connection, DbTransaction transaction, string dialect, string createTable, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, createTable, cancellationToken);
        var done = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM aoi_history_migrations";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                done.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        var applied = new List<int>();
        foreach (var (version, name, fileName) in Scripts(dialect).Where(s => !done.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, EmbeddedSqlScripts.Read(fileName), cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO aoi_history_migrations (version, name, applied_at_ms) VALUES (@version, @name, @at)";
            AddParameter(record, "version", version);
            AddParameter(record, "name", name);
            AddParameter(record, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(version);
        }

        return applied;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
