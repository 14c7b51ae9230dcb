using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;

namespace Aoi.Web.Security.Audit;

/// <summary>
/// The "before" and "after" of an audited change, read from the files (which are authoritative): configuration text,
/// or golden file names with sizes and SHA-256 so that a replaced image shows even when its name stays.
/// </summary>
public sealed class AuditSnapshots(AoiPaths paths)
{
    public string? Take(AuditScope scope, AuditTarget target)
    {
        if (target.Product is not { } product)
        {
            return null;
        }

        try
        {
            return scope switch
            {
                AuditScope.ProductConfig => ReadText(paths.ConfigFile(product)),
                AuditScope.ColorConfig => ReadText(paths.ColorsFile(product)),
                AuditScope.GoldenFolder when target.RoiId is { } idx => Files(paths.GoldenFolder(product, idx)).ToJsonString(),
                AuditScope.LegacyGolden when target.RoiId is { } idx =>
                    FileList([new LegacyGoldenStore(paths.ProductFolder(product), idx).FilePath]).ToJsonString(),
                AuditScope.GoldenLibrary => Library(paths.GoldenRoot(product)).ToJsonString(),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file changing under the read: the entry still records who did what.
            return null;
        }
    }

    private static string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static JsonArray Files(string folder) =>
        Directory.Exists(folder) ? FileList(Directory.GetFiles(folder)) : [];

    private static JsonObject Library(string goldenRoot)
    {
        var library = new JsonObject();
        if (!Directory.Exists(goldenRoot))
        {
            return library;
        }

        foreach (var folder in Directory.GetDirectories(goldenRoot).Order(StringComparer.Ordinal))
        {
            library[Path.GetFileName(folder)] = Files(folder);
        }

        return library;
    }

    private static JsonArray FileList(IEnumerable<string> files)
    {
        var list = new JsonArray();
        foreach (var file in files.Where(File.Exists).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            list.Add(new JsonObject
            {
                ["name"] = Path.GetFileName(file),
                ["size"] = stream.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(stream)),
            });
        }

        return list;
    }
}
