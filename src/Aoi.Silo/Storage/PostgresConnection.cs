using Npgsql;

namespace Aoi.Silo.Storage;

/// <summary>The cluster's PostgreSQL database (ConnectionStrings:AoiCluster), shared by clustering and grain storage.</summary>
public sealed record PostgresConnection(string ConnectionString)
{
    /// <summary>Host, port and database for logs; never the password.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
