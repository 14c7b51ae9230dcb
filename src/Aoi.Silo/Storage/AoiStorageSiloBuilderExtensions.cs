using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Aoi.Silo.Storage;

public static class AoiStorageSiloBuilderExtensions
{
    /// <summary>Grain storage provider name used by every persisted grain ([PersistentState(..., "aoi")]).</summary>
    public const string StorageName = "aoi";

    /// <summary>
    /// Grain storage "aoi": Orleans ADO.NET provider on the SQLite file &lt;DataRoot&gt;/aoi.db (or
    /// <paramref name="databaseFile"/>), with the project's schema applied at silo start. This is the single place
    /// that decides the storage backend; PostgreSQL will branch here.
    /// </summary>
    public static ISiloBuilder AddAoiSqliteGrainStorage(this ISiloBuilder silo, string? databaseFile = null)
    {
        silo.Services.TryAddSingleton(sp => new SqliteStorageLocation(
            databaseFile ?? SqliteDatabase.PathIn(sp.GetRequiredService<AoiPaths>().DataRoot)));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaStartup>();
        silo.AddAdoNetGrainStorage(StorageName, options => options
            .Configure<SqliteStorageLocation>((o, location) =>
            {
                o.Invariant = AdoNetInvariants.Sqlite;
                o.ConnectionString = SqliteDatabase.ConnectionString(location.DatabaseFile);
            }));
        return silo;
    }
}
