using Aoi.Grains.Products;
using Aoi.Grains.Options;
using Aoi.Grains.Storage;
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
        Assert.Equal(new ProductFilesStamp(FileStamp.Missing, FileStamp.Missing), ProductFilesStamp.Of(paths, "p"));

        AtomicFile.WriteAllText(paths.ConfigFile("p"), "[]");
        var created = ProductFilesStamp.Of(paths, "p");
        Assert.True(created.Config.Exists);
        Assert.False(created.Colors.Exists);

        AtomicFile.WriteAllText(paths.ConfigFile("p"), "[ ]");  // size differs even when the clock does not tick
        var edited = ProductFilesStamp.Of(paths, "p");
        Assert.NotEqual(created, edited);

        AtomicFile.WriteAllText(paths.ColorsFile("p"), "{}");
        var withColors = ProductFilesStamp.Of(paths, "p");
        Assert.NotEqual(edited, withColors);

        File.Delete(paths.ColorsFile("p"));
        Assert.Equal(FileStamp.Missing, ProductFilesStamp.Of(paths, "p").Colors);
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
