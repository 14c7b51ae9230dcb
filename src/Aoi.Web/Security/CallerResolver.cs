using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Security;

/// <summary>
/// Identifies the caller of a request: by <c>X-Api-Key</c> when the header is sent (a wrong key is never replaced by
/// the network's role), else by the most specific trusted network containing the remote address, else loopback
/// (when trusted). Null = anonymous.
/// </summary>
public sealed class CallerResolver
{
    public const string ApiKeyHeader = "X-Api-Key";

    // Verifying a key costs a PBKDF2 run per configured key; remember answers by the key's digest (never the key
    // itself), bounded so that a caller spraying random keys cannot grow memory.
    private const int MaxCachedKeys = 4096;
    private readonly ConcurrentDictionary<string, CallerIdentity?> _verified = new();
    private readonly ApiKeyEntry[] _keys;
    private readonly (IPNetwork Network, string Cidr, AoiRole Role)[] _networks;
    private readonly bool _trustLoopback;
    private readonly bool _missingIsLoopback;

    public CallerResolver(IOptions<SecurityOptions> options)
    {
        var o = options.Value;
        _keys = o.ApiKeys.ToArray();
        _networks = o.TrustedNetworks
            .Select(n => (Network: IPNetwork.Parse(n.Cidr.Trim()), Cidr: n.Cidr.Trim(), Role: ParseRole(n.Role)))
            .OrderByDescending(n => n.Network.PrefixLength)
            .ToArray();
        _trustLoopback = o.TrustLoopback ?? false;
        _missingIsLoopback = o.MissingRemoteAddressIsLoopback;
    }

    /// <summary>The caller, or null when anonymous; <paramref name="invalidKey"/> when a key was sent and is unknown.</summary>
    public CallerIdentity? Resolve(HttpContext context, out bool invalidKey)
    {
        invalidKey = false;
        if (context.Request.Headers.TryGetValue(ApiKeyHeader, out var values) && !string.IsNullOrEmpty(values.ToString()))
        {
            var identity = FromKey(values.ToString());
            invalidKey = identity is null;
            return identity;
        }

        return FromAddress(context.Connection.RemoteIpAddress);
    }

    public CallerIdentity? FromAddress(IPAddress? remote)
    {
        if (remote is null)
        {
            return _missingIsLoopback && _trustLoopback ? new CallerIdentity("loopback", AoiRole.Admin) : null;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        foreach (var (network, cidr, role) in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return new CallerIdentity("network:" + cidr, role);
            }
        }

        return _trustLoopback && IPAddress.IsLoopback(address) ? new CallerIdentity("loopback", AoiRole.Admin) : null;
    }

    public CallerIdentity? FromKey(string key)
    {
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_verified.TryGetValue(digest, out var known))
        {
            return known;
        }

        CallerIdentity? identity = null;
        foreach (var entry in _keys)
        {
            if (ApiKeyHasher.Verify(key, entry.Hash))
            {
                identity = new CallerIdentity("key:" + entry.Name.Trim(), ParseRole(entry.Role));
                break;
            }
        }

        if (_verified.Count >= MaxCachedKeys)
        {
            _verified.Clear();
        }

        _verified[digest] = identity;
        return identity;
    }

    private static AoiRole ParseRole(string text) =>
        AoiRoles.TryParse(text, out var role) ? role : throw new InvalidOperationException($"Unknown role '{text}'");
}
