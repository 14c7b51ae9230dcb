using Aoi.Silo.Hosting;

namespace Aoi.Tests.Cluster;

/// <summary>
/// Where cluster tests keep grain state: the PostgreSQL database named by AOI_TEST_POSTGRES (set by .ci/run) when
/// present, otherwise the SQLite file of the test's data root, which every in-process silo shares.
/// </summary>
public static class ClusterTestStorage
{
    public const string PostgresVariable = "AOI_TEST_POSTGRES";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Configuration keys that select the storage for a silo (TestingHost properties or command-line args).</summary>
    public static IReadOnlyDictionary<string, string> Settings() => PostgresConnectionString is { } connection
        ? new Dictionary<string, string>
        {
            [$"{AoiOrleansOptions.SectionName}:{nameof(AoiOrleansOptions.Storage)}"] = AoiOrleansOptions.PostgresStorage,
            [$"ConnectionStrings:{AoiOrleansOptions.ConnectionStringName}"] = connection,
        }
        : new Dictionary<string, string>();

    /// <summary>The PostgreSQL connection string, or a clean skip of the running test when none is configured.</summary>
    public static string RequirePostgres()
    {
        var connection = PostgresConnectionString;
        Assert.SkipWhen(connection is null, $"{PostgresVariable} is not set (.ci/run starts PostgreSQL and sets it)");
        return connection!;
    }
}
