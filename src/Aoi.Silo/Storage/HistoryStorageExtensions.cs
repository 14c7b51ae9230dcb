using Aoi.Grains.Grains;
using Aoi.Grains.History;
using Aoi.Grains.Options;
using Aoi.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Aoi.Silo.Storage;

public static class HistoryStorageExtensions
{
    /// <summary>
    /// The history in the same database as grain storage (Aoi:Orleans:Storage): &lt;DataRoot&gt;/aoi.db or the
    /// cluster's PostgreSQL. Replaces the "no database" stand-in whatever the registration order.
    /// </summary>
    public static IServiceCollection AddAoiHistoryDatabase(this IServiceCollection services, AoiOrleansOptions orleans)
    {
        services.AddAoiHistoryQueries();
        services.Replace(orleans.UsesPostgresStorage
            ? ServiceDescriptor.Singleton<IHistoryDatabase>(HistoryDatabase.Postgres(orleans.ConnectionString!))
            : ServiceDescriptor.Singleton<IHistoryDatabase>(sp => HistoryDatabase.Sqlite(SqliteDatabase.PathIn(sp.GetRequiredService<AoiPaths>().DataRoot))));
        return services;
    }

    /// <summary>
    /// Inspection history on a silo: recording, the database, and the retention purge on an Orleans reminder. The
    /// reminder table is the in-memory one: the purge grain's reminder is re-registered by every silo at start, so
    /// nothing is lost by not persisting it, and no reminder SQL is needed for SQLite.
    /// </summary>
    public static ISiloBuilder AddAoiHistory(this ISiloBuilder silo, AoiOrleansOptions orleans)
    {
        silo.Services.AddAoiHistoryDatabase(orleans);
        silo.Services.AddAoiHistoryRecording();
        silo.UseInMemoryReminderService();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RetentionPurgeKeeper>();
        return silo;
    }
}
