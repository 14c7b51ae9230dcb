using Microsoft.Extensions.Configuration;

namespace Aoi.Silo.Hosting;

/// <summary>How this process takes part in the Orleans cluster; bound from "Aoi:Orleans".</summary>
public sealed class AoiOrleansOptions
{
    public const string SectionName = "Aoi:Orleans";
    public const string CohostedMode = "cohosted";
    public const string ClientMode = "client";
    public const string LocalhostClustering = "localhost";
    public const string AdoNetClustering = "adonet";
    public const string SqliteStorage = "sqlite";
    public const string PostgresStorage = "postgres";

    /// <summary>Name under ConnectionStrings of the PostgreSQL database shared by the silos of a cluster.</summary>
    public const string ConnectionStringName = "AoiCluster";

    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>"cohosted" (silo inside this process, the default) or "client" (connect to standalone silos).</summary>
    public string Mode { get; set; } = CohostedMode;

    /// <summary>
    /// "localhost" (default: one machine, the first silo is the seed) or "adonet" (membership and the client's gateway
    /// list in the PostgreSQL database of <see cref="ConnectionStringName"/>, so silos can come and go).
    /// </summary>
    public string Clustering { get; set; } = LocalhostClustering;

    /// <summary>
    /// "sqlite" (default: &lt;DataRoot&gt;/aoi.db, one machine) or "postgres" (the cluster database, so a grain
    /// reactivated on another silo finds its state).
    /// </summary>
    public string Storage { get; set; } = SqliteStorage;

    public int SiloPort { get; set; } = DefaultSiloPort;

    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>
    /// Address the silo publishes in the membership table for adonet clustering (e.g. 127.0.0.1 for a cluster on one
    /// machine); empty = the host name's first address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Stable across restarts and deployments: persisted grain state is keyed by it.</summary>
    public string ServiceId { get; set; } = "aoi";

    public string ClusterId { get; set; } = "aoi";

    /// <summary>
    /// Orleans' timeout for grain calls, kept short: a call to a silo that just died fails after this instead of
    /// hanging. Long calls (inspection, evaluation, import) carry their own limit on the method.
    /// </summary>
    public int ResponseTimeoutSeconds { get; set; } = DefaultResponseTimeoutSeconds;

    /// <summary>
    /// Failure detection for a factory LAN: each silo probes the others at this interval and timeout; a silo that
    /// misses <see cref="MissedProbesLimit"/> probes in a row is voted dead and its grains reactivate elsewhere.
    /// </summary>
    public int ProbeTimeoutSeconds { get; set; } = DefaultProbeTimeoutSeconds;

    /// <summary>Missed probes after which a silo is suspected and voted dead (Orleans' default is 3).</summary>
    public int MissedProbesLimit { get; set; } = DefaultMissedProbesLimit;

    public const int DefaultResponseTimeoutSeconds = 10;
    public const int DefaultProbeTimeoutSeconds = 3;
    public const int DefaultMissedProbesLimit = 3;

    public TimeSpan ResponseTimeout => TimeSpan.FromSeconds(ResponseTimeoutSeconds);

    /// <summary>PostgreSQL connection string, read from ConnectionStrings:AoiCluster (not from this section).</summary>
    public string? ConnectionString { get; set; }

    public bool IsClient => string.Equals(Mode, ClientMode, StringComparison.OrdinalIgnoreCase);

    public bool UsesAdoNetClustering => string.Equals(Clustering, AdoNetClustering, StringComparison.OrdinalIgnoreCase);

    public bool UsesPostgresStorage => string.Equals(Storage, PostgresStorage, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether anything in this process reads or writes the cluster's PostgreSQL database.</summary>
    public bool UsesPostgres => UsesAdoNetClustering || UsesPostgresStorage;

    /// <summary>
    /// Read and check the section now: the mode decides what gets registered, so it cannot wait for options
    /// validation at host start.
    /// </summary>
    public static AoiOrleansOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<AoiOrleansOptions>() ?? new AoiOrleansOptions();
        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid Orleans settings: " + string.Join("; ", errors));
        }

        return options;
    }

    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!string.Equals(Mode, CohostedMode, StringComparison.OrdinalIgnoreCase) && !IsClient)
        {
            errors.Add($"{SectionName}:Mode must be '{CohostedMode}' or '{ClientMode}', not '{Mode}'");
        }

        if (!string.Equals(Clustering, LocalhostClustering, StringComparison.OrdinalIgnoreCase) && !UsesAdoNetClustering)
        {
            errors.Add($"{SectionName}:Clustering must be '{LocalhostClustering}' or '{AdoNetClustering}', not '{Clustering}'");
        }

        if (!string.Equals(Storage, SqliteStorage, StringComparison.OrdinalIgnoreCase) && !UsesPostgresStorage)
        {
            errors.Add($"{SectionName}:Storage must be '{SqliteStorage}' or '{PostgresStorage}', not '{Storage}'");
        }

        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"ConnectionStrings:{ConnectionStringName} is required (a PostgreSQL connection string) when " +
                       $"{SectionName}:Clustering is '{AdoNetClustering}' or {SectionName}:Storage is '{PostgresStorage}'");
        }

        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            errors.Add($"{SectionName}:AdvertisedAddress must be an IP address, not '{AdvertisedAddress}'");
        }

        CheckRange(errors, nameof(ResponseTimeoutSeconds), ResponseTimeoutSeconds, 1, 300);
        CheckRange(errors, nameof(ProbeTimeoutSeconds), ProbeTimeoutSeconds, 1, 60);
        CheckRange(errors, nameof(MissedProbesLimit), MissedProbesLimit, 1, 10);
        CheckPort(errors, nameof(SiloPort), SiloPort);
        CheckPort(errors, nameof(GatewayPort), GatewayPort);
        if (SiloPort == GatewayPort)
        {
            errors.Add($"{SectionName}:SiloPort and {SectionName}:GatewayPort must differ (both {SiloPort})");
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            errors.Add($"{SectionName}:ServiceId must not be empty");
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            errors.Add($"{SectionName}:ClusterId must not be empty");
        }

        return errors;
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SectionName}:{key} must be {min}..{max}, not {value}");
        }
    }

    private static void CheckPort(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{SectionName}:{key} must be a TCP port 1..65535, not {port}");
        }
    }
}
