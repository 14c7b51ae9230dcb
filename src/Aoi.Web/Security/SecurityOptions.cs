namespace Aoi.Web.Security;

/// <summary>Access control settings bound from "Aoi:Security" (docs/security.md).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Aoi:Security";

    /// <summary>Known API keys, stored only as hashes made by <c>--hash-api-key</c>.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Station networks whose callers need no key; the most specific matching network decides the role.</summary>
    public List<TrustedNetworkEntry> TrustedNetworks { get; set; } = [];

    /// <summary>
    /// Loopback callers are admin. Unset = true when a silo runs in this process (the embedded single-machine default),
    /// false in client mode, where the front end may sit behind a local reverse proxy that forwards every caller.
    /// </summary>
    public bool? TrustLoopback { get; set; }

    /// <summary>
    /// Treat a request without a remote address as loopback. Only the in-memory test server produces such requests;
    /// a real server never does, so this stays false outside tests.
    /// </summary>
    public bool MissingRemoteAddressIsLoopback { get; set; }
}

/// <summary>One API key: a name for the audit log, its role and the salted hash of the key.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string Hash { get; set; } = "";
}

/// <summary>A station network in CIDR notation (e.g. 10.20.0.0/16) and the role of callers from it.</summary>
public sealed class TrustedNetworkEntry
{
    public string Cidr { get; set; } = "";

    public string Role { get; set; } = "";
}
