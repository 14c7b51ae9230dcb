namespace Aoi.Silo.Storage;

/// <summary>ADO.NET invariant names understood by the Orleans ADO.NET providers.</summary>
public static class AdoNetInvariants
{
    /// <summary>
    /// SQLite. Orleans maps this name to Microsoft.Data.Sqlite's SqliteFactory itself (loaded by assembly name), so no
    /// DbProviderFactories registration is needed; "Microsoft.Data.Sqlite" is not a known invariant and fails.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";

    /// <summary>PostgreSQL through Npgsql (cluster mode): Orleans loads Npgsql.NpgsqlFactory from the Npgsql assembly by name.</summary>
    public const string PostgreSql = "Npgsql";
}
