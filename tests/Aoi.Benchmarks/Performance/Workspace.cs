using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Options;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// A private temporary folder for one benchmark run: the products copied from the dataset (compare may promote
/// goldens, and the dataset is read-only), the shared root with the boards, and per-server data roots. Deleted on
/// dispose.
/// </summary>
public sealed class Workspace : IDisposable
{
    public const string ClientPrefix = "/mnt/visual-aoi-shared/";

    public Workspace(string dataset, IEnumerable<string> products)
    {
        Root = Directory.CreateTempSubdirectory("aoi-perf-").FullName;
        ProductRoot = Sub("products");
        SharedRoot = Sub("shared");
        foreach (var product in products)
        {
            CopyFolder(Path.Combine(dataset, product), Path.Combine(ProductRoot, product));
        }

        Store = new ProductConfigStore(new AoiPaths(Microsoft.Extensions.Options.Options.Create(
            new AoiOptions { DataRoot = Root, ProductRoot = ProductRoot, SharedRoot = SharedRoot })));
    }

    public string Root { get; }

    public string ProductRoot { get; }

    public string SharedRoot { get; }

    public ProductConfigStore Store { get; }

    public string BoardFolder => Sub("shared/boards");

    public string Sub(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>How a line client names a file of the shared root.</summary>
    public string ClientPath(string file) => ClientPrefix + Path.GetRelativePath(SharedRoot, file).Replace('\\', '/');

    public ProductSnapshot Snapshot(string product) =>
        Store.LoadSnapshot(product).Snapshot ?? throw new InvalidOperationException($"product {product} does not load");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file; the OS temp cleaner takes the rest.
        }
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
