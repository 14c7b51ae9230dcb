using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Aoi.Silo.Storage;

/// <summary>
/// Applies the SQLite schema early in the silo lifecycle, before the grain storage provider reads its named queries
/// (it fails with "no such table: OrleansQuery" otherwise).
/// </summary>
public sealed partial class SqliteSchemaStartup(SqliteStorageLocation location, ILogger<SqliteSchemaStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteSchemaStartup), ServiceLifecycleStage.RuntimeInitialize, InstallAsync);

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        await SqliteSchemaInstaller.InstallAsync(location.DatabaseFile, cancellationToken);
        LogInstalled(location.DatabaseFile);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage schema ready in {DatabaseFile}")]
    private partial void LogInstalled(string databaseFile);
}
