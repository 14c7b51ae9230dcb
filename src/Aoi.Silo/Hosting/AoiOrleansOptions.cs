using Microsoft.Extensions.Configuration;

namespace Aoi.Silo.Hosting;

/// <summary>How this process takes part in the Orleans cluster; bound from "Aoi:Orleans".</summary>
public sealed class AoiOrleansOptions
{
    public const string SectionName = "Aoi:Orleans";
    public const string CohostedMode = "cohosted";
    public const string ClientMode = "client";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>"cohosted" (silo inside this process, the default) or "client" (connect to a standalone silo).</summary>
    public string Mode { get; set; } = CohostedMode;

    public int SiloPort { get; set; } = DefaultSiloPort;

    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>Stable across restarts and deployments: persisted grain state is keyed by it.</summary>
    public string ServiceId { get; set; } = "aoi";

    public string ClusterId { get; set; } = "aoi";

    public bool IsClient => string.Equals(Mode, ClientMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Read and check the section now: the mode decides what gets registered, so it cannot wait for options
    /// validation at host start.
    /// </summary>
    public static AoiOrleansOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<AoiOrleansOptions>() ?? new AoiOrleansOptions();
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

    private static void CheckPort(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{SectionName}:{key} must be a TCP port 1..65535, not {port}");
        }
    }
}
