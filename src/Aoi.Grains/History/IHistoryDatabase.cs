using System.Data.Common;

namespace Aoi.Grains.History;

/// <summary>
/// The database the history lives in: the cluster's own (SQLite file or PostgreSQL), with the history schema
/// migrated before the first connection is handed out. Implemented by the host, which knows the drivers.
/// </summary>
public interface IHistoryDatabase
{
    /// <summary>"sqlite" or "postgres", for logs and the few statements that differ.</summary>
    string Kind { get; }

    /// <summary>An open connection to a migrated database; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
