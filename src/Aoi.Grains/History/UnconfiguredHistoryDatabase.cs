using System.Data.Common;

namespace Aoi.Grains.History;

/// <summary>
/// Stands in where the host registered no history database (e.g. test silos on memory storage): the recorder sees
/// <see cref="None"/> and records nothing, and any query says plainly that there is no history.
/// </summary>
public sealed class UnconfiguredHistoryDatabase : IHistoryDatabase
{
    public const string None = "none";

    public string Kind => None;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No history database is configured on this host");
}
