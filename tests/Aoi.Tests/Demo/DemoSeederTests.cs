using Aoi.Grains.Demo;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aoi.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task SeedsProductAndPicturesOnceAndLeavesNoTemporaryFiles()
    {
        using var data = new TempFolder("demo-seed");
        var paths = Paths(data);

        Assert.True(await DemoSeeder.SeedIfMissingAsync(paths, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.True(paths.ProductExists(DemoProductGenerator.ProductName));
        var demo = Path.Combine(paths.SharedRoot, DemoProductGenerator.DemoFolderName);
        var pictures = new[] { DemoProductGenerator.DemoPictureName, DemoProductGenerator.FaultyPictureName }
            .Select(n => Path.Combine(demo, n)).ToArray();
        Assert.All(pictures, p => Assert.True(File.Exists(p), p));
        Assert.Empty(Directory.GetFileSystemEntries(paths.ProductRoot, ".*"));
        Assert.Empty(Directory.GetFileSystemEntries(demo, ".*"));

        var before = Snapshot(data.Path);
        Assert.False(await DemoSeeder.SeedIfMissingAsync(paths, NullLogger.Instance, TestContext.Current.CancellationToken));
        Assert.Equal(before, Snapshot(data.Path));
    }

    [Fact]
    public async Task ExistingProductFolderIsNotTouched()
    {
        using var data = new TempFolder("demo-existing");
        var paths = Paths(data);
        var folder = paths.ProductFolder(DemoProductGenerator.ProductName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "operator-notes.txt"), "edited by hand");

        await DemoSeeder.SeedIfMissingAsync(paths, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal(["operator-notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MissingPictureIsRegeneratedIdentically()
    {
        using var data = new TempFolder("demo-picture");
        var paths = Paths(data);
        await DemoSeeder.SeedIfMissingAsync(paths, NullLogger.Instance, TestContext.Current.CancellationToken);
        var picture = Path.Combine(paths.SharedRoot, DemoProductGenerator.Expectations.DemoPicture);
        var original = File.ReadAllBytes(picture);
        File.Delete(picture);

        Assert.True(await DemoSeeder.SeedIfMissingAsync(paths, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Equal(original, File.ReadAllBytes(picture));
    }

    private static AoiPaths Paths(TempFolder data) =>
        new(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = data.Path }));

    private static List<(string, long, DateTime)> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, new FileInfo(f).Length, File.GetLastWriteTimeUtc(f))).ToList();
}
