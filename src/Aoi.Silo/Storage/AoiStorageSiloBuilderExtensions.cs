using Aoi.Grains.Options;
using Aoi.Silo.Hosting;
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
    /// Grain storage "aoi" on the backend chosen by Aoi:Orleans:Storage: the single place that decides it. Silos that use
    /// PostgreSQL for anything (storage or clustering) also get the PostgreSQL schema applied at start.
    /// </summary>
    public static ISiloBuilder AddAoiGrainStorage(this ISiloBuilder silo, AoiOrleansOptions orleans)
    {
        if (orleans.UsesPostgres)
        {
            silo.AddAoiPostgresSchema(orleans.ConnectionString!);
        }

        return orleans.UsesPostgresStorage
            ? silo.AddAoiPostgresGrainStorage(orleans.ConnectionString!)
            : silo.AddAoiSqliteGrainStorage();
    }

    /// <summary>
    /// Grain storage "aoi": Orleans ADO.NET provider on the SQLite file &lt;DataRoot&gt;/aoi.db (or
    /// <paramref name="databaseFile"/>), with the project's schema applied at silo start.
    /// </summary>
    public static ISiloBuilder AddAoiSqliteGrainStorage(this ISiloBuilder silo, string? databaseFile = null)
    {
        silo.Services.TryAddSingleton(sp => new SqliteStorageLocation(
            databaseFile ?? SqliteDatabase.PathIn(sp.GetRequiredService<AoiPaths>().DataRoot)));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteSchemaStartup>();
        silo.AddAdoNetGrainStorage(StorageName, options => options
            .Configure<SqliteStorageLocation, IServiceProvider>((o, location, services) =>
            {
                o.Invariant = AdoNetInvariants.Sqlite;
                o.DataSource = SqliteDatabase.DataSource(SqliteDatabase.ConnectionString(location.DatabaseFile));
                o.GrainStorageSerializer = GrainStateSerializer.Create(services);
            }));
        return silo;
    }

    /// <summary>
    /// Grain storage "aoi" in the cluster's PostgreSQL database: a grain reactivated on another silo (after a silo
    /// stops) reads the state the previous activation wrote. Needs <see cref="AddAoiPostgresSchema"/>.
    /// </summary>
    public static ISiloBuilder AddAoiPostgresGrainStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorage(StorageName, options => options
            .Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = AdoNetInvariants.PostgreSql;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = GrainStateSerializer.Create(services);
            }));
        return silo;
    }

    /// <summary>Applies the project's PostgreSQL clustering and storage schema at silo start (idempotent, locked).</summary>
    public static ISiloBuilder AddAoiPostgresSchema(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.TryAddSingleton(new PostgresConnection(connectionString));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaStartup>();
        return silo;
    }
}
