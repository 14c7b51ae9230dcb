using Aoi.Grains.Products;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Hosting;

public sealed class ProductFileStampTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void StampChangesWhenEitherFileIsWrittenCreatedOrDeleted()
    {
        var paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = folder.Path }));
        ProductFileStamp? Stamp() => ProductFileStamp.Of(paths.ConfigFile("p"), paths.ColorsFile("p"));
        Assert.Null(Stamp());

        AtomicFile.WriteAllText(paths.ConfigFile("p"), "[]");
        var created = Stamp();
        Assert.NotNull(created);
        Assert.Equal(-1, created.Value.ColorsLength);

        AtomicFile.WriteAllText(paths.ConfigFile("p"), "[ ]");  // size differs even when the clock does not tick
        var edited = Stamp();
        Assert.NotEqual(created, edited);

        AtomicFile.WriteAllText(paths.ColorsFile("p"), "{}");
        var withColors = Stamp();
        Assert.NotEqual(edited, withColors);

        File.Delete(paths.ColorsFile("p"));
        Assert.Equal(-1, Stamp()!.Value.ColorsLength);
    }

    [Fact]
    public void AtomicWriteReplacesTheWholeFileAndLeavesNoTemporaryFile()
    {
        var target = Path.Combine(folder.Path, "deep", "config.json");
        AtomicFile.WriteAllText(target, "first version, longer than the second");
        AtomicFile.WriteAllText(target, "second");

        Assert.Equal("second", File.ReadAllText(target));
        Assert.Equal(["config.json"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }
}
