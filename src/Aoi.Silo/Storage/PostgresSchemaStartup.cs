using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Aoi.Silo.Storage;

/// <summary>
/// Applies the PostgreSQL schema at the very first silo lifecycle stage, before the clustering provider joins the
/// membership table and before the grain storage provider reads its named queries (both fail without them).
/// </summary>
public sealed partial class PostgresSchemaStartup(PostgresConnection database, ILogger<PostgresSchemaStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaStartup), ServiceLifecycleStage.First, InstallAsync);

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        await PostgresSchemaInstaller.InstallAsync(database.ConnectionString, cancellationToken);
        LogInstalled(database.Describe());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster schema ready in PostgreSQL {Database}")]
    private partial void LogInstalled(string database);
}
