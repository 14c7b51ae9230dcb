using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Products;

/// <summary>A throw-away product root with a store on it; deleted on dispose.</summary>
public sealed class TempProductRoot : IDisposable
{
    public TempProductRoot()
    {
        DataRoot = Path.Combine(Path.GetTempPath(), "aoi-products-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataRoot);
        Paths = new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = DataRoot }));
        Store = new ProductConfigStore(Paths);
    }

    public string DataRoot { get; }
    public AoiPaths Paths { get; }
    public ProductConfigStore Store { get; }

    /// <summary>Writes a configuration file verbatim (bypassing validation) and returns its path.</summary>
    public string WriteConfig(string product, string json)
    {
        Directory.CreateDirectory(Paths.ProductFolder(product));
        File.WriteAllText(Paths.ConfigFile(product), json);
        return Paths.ConfigFile(product);
    }

    /// <summary>Creates golden_rois/roi_idx/best_golden.jpg with some bytes.</summary>
    public string AddGolden(string product, int idx)
    {
        var folder = Paths.GoldenFolder(product, idx);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "best_golden.jpg"), [0xFF, 0xD8, (byte)idx, 0xFF, 0xD9]);
        return folder;
    }

    /// <summary>Every file under the product folder with its bytes, for byte-identical comparisons.</summary>
    public SortedDictionary<string, string> FolderFingerprint(string product)
    {
        var root = Paths.ProductFolder(product);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(root, file)] = Convert.ToBase64String(File.ReadAllBytes(file));
        }

        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            result[Path.GetRelativePath(root, dir) + "/"] = "dir";
        }

        return result;
    }

    public void Dispose()
    {
        if (Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }
}
