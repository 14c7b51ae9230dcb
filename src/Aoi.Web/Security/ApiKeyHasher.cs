using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aoi.Web.Security;

/// <summary>
/// Salted PBKDF2-SHA256 hashes of API keys, written "pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;" (base64), so a
/// leaked configuration file does not reveal the keys and equal keys never share a hash.
/// </summary>
public static class ApiKeyHasher
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string key, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(key, salt, iterations);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="key"/> hashes to <paramref name="stored"/>; false for a malformed stored hash.</summary>
    public static bool Verify(string key, string stored)
    {
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(key, salt, iterations), expected);
    }

    /// <summary>True when <paramref name="stored"/> has the shape Hash produces.</summary>
    public static bool IsWellFormed(string? stored) => TryParse(stored, out _, out _, out _);

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored?.Trim().Split('$') ?? [];
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length == HashBytes;
    }

    private static byte[] Derive(string key, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
