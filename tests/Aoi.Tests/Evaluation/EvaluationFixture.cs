using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Evaluation;

/// <summary>A temporary product root holding one synthetic product, loaded the way the server loads it.</summary>
public sealed class EvaluationFixture : IDisposable
{
    public const string Product = "SYN-EVAL";

    public EvaluationFixture()
    {
        Root = Directory.CreateTempSubdirectory("aoi-eval-tests-").FullName;
        ProductFolder = SyntheticLibrary.Create(Root, Product);
        var store = new ProductConfigStore(new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = Root, ProductRoot = Root })));
        Snapshot = store.LoadSnapshot(Product).Snapshot ?? throw new InvalidOperationException("synthetic product did not load");
    }

    public string Root { get; }
    public string ProductFolder { get; }
    public ProductSnapshot Snapshot { get; }

    /// <summary>Two ROIs at a time keeps the test light on a shared machine; the result does not depend on it.</summary>
    public static EvaluationSettings Settings => new() { MaxDegreeOfParallelism = 2 };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it later.
        }
    }
}
