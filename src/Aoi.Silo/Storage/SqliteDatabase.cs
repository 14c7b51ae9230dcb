using Microsoft.Data.Sqlite;

namespace Aoi.Silo.Storage;

/// <summary>The SQLite database file of a data root and the connection string every user of it shares.</summary>
public static class SqliteDatabase
{
    public const string FileName = "aoi.db";

    /// <summary>
    /// Seconds a command keeps retrying while another connection holds the write lock. Microsoft.Data.Sqlite turns
    /// SQLITE_BUSY into retries until this command timeout, which is what lets concurrent grain writes queue instead
    /// of failing with "database is locked".
    /// </summary>
    public const int BusyTimeoutSeconds = 30;

    public static string PathIn(string dataRoot) => Path.Combine(Path.GetFullPath(dataRoot), FileName);

    public static string ConnectionString(string databaseFile) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databaseFile),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();
}
