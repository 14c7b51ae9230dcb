using System.Security.Cryptography;
using System.Text;
using Aoi.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Hardening;

/// <summary>
/// What a refused request must leave untouched: every byte and name under the product root (configurations, colour
/// files, golden libraries, old-store goldens), the product's persisted configuration version, and the audit log.
/// </summary>
public sealed record RecipeState(string ProductTreeHash, long? ConfigVersion, int AuditEntries)
{
    public static async Task<RecipeState> CaptureAsync(HardeningServer server)
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var snapshot = await grains.GetGrain<IProductGrain>(server.Product).GetSnapshotAsync();
        var now = DateTimeOffset.UtcNow;
        var audit = 0;
        foreach (var day in AuditDay.Keys(now.AddDays(-1), now))
        {
            audit += (await grains.GetGrain<IAuditLogGrain>(day).ListAsync()).Length;
        }

        return new RecipeState(TreeHash(server.ProductRoot), snapshot.Snapshot?.Version, audit);
    }

    /// <summary>SHA-256 over every folder and file name (relative, ordinal order) and every file's bytes.</summary>
    public static string TreeHash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, entry) + "\n"));
            if (File.Exists(entry))
            {
                hash.AppendData(File.ReadAllBytes(entry));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
