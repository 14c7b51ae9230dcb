using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Aoi.Silo.Storage;

/// <summary>The SQLite database file of a data root and the connection string every user of it shares.</summary>
public static class SqliteDatabase
{
    public const string FileName = "aoi.db";

    /// <summary>
    /// Seconds a command waits while another connection holds the write lock, so that concurrent grain and history
    /// writes queue instead of failing with "database is locked". SQLite itself waits (<see cref="NewConnection"/>), and
    /// Microsoft.Data.Sqlite's own retries stop at the same command timeout.
    /// </summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>
    /// A connection on which SQLite's own busy handler waits for the write lock (<c>PRAGMA busy_timeout</c>, with sleeps
    /// of 1 to 100 ms). Without it Microsoft.Data.Sqlite sees SQLITE_BUSY and retries after a fixed 150 ms sleep: a
    /// session's status write that met the history's write of the same inspection (a few milliseconds) waited 150 ms,
    /// on every second inspection or so (measured over HTTP: 155 ms of a 400 ms answer).
    /// </summary>
    public static SqliteConnection NewConnection(string connectionString) => new BusyWaitingConnection(connectionString);

    /// <summary>The same connections as a data source, for Orleans' ADO.NET grain storage.</summary>
    public static DbDataSource DataSource(string connectionString) => new BusyWaitingDataSource(connectionString);

    public static string PathIn(string dataRoot) => Path.Combine(Path.GetFullPath(dataRoot), FileName);

    public static string ConnectionString(string databaseFile) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databaseFile),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    private sealed class BusyWaitingConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}";
            command.ExecuteNonQuery();
        }

        // No OpenAsync override: SqliteConnection inherits DbConnection.OpenAsync, which calls Open.
    }

    private sealed class BusyWaitingDataSource(string connectionString) : DbDataSource
    {
        public override string ConnectionString => connectionString;

        protected override DbConnection CreateDbConnection() => new BusyWaitingConnection(connectionString);
    }
}
