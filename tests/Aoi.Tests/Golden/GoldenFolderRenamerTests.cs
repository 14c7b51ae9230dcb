using Aoi.Grains.Golden;

namespace Aoi.Tests.Golden;

/// <summary>"Rename folders" of spec 4.4: two phases so swaps and chains work; a replaced destination is kept aside.</summary>
public sealed class GoldenFolderRenamerTests : IDisposable
{
    private readonly string _root = GoldenFiles.NewRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Roi(int idx) => Path.Combine(_root, $"roi_{idx}");

    [Fact]
    public void SwapExchangesTheFolders()
    {
        GoldenFiles.Fill(Roi(1), "best_golden.jpg", "a.jpg");
        GoldenFiles.Fill(Roi(2), "best_golden.jpg");
        var one = GoldenFiles.ContentHashes(Roi(1));
        var two = GoldenFiles.ContentHashes(Roi(2));

        var renamed = new GoldenFolderRenamer(_root).Rename(new Dictionary<int, int> { [1] = 2, [2] = 1 });

        Assert.Equal(2, renamed);
        Assert.Equal(two, GoldenFiles.ContentHashes(Roi(1)));
        Assert.Equal(one, GoldenFiles.ContentHashes(Roi(2)));
        Assert.Equal(["roi_1", "roi_2"], Folders());
    }

    [Fact]
    public void ChainMovesEveryFolderOneStep()
    {
        var hashes = Enumerable.Range(1, 3).ToDictionary(i => i, i => GoldenFiles.Fill(Roi(i), "best_golden.jpg")["best_golden.jpg"]);

        var renamed = new GoldenFolderRenamer(_root).Rename(new Dictionary<int, int> { [1] = 2, [2] = 3, [3] = 4 });

        Assert.Equal(3, renamed);
        Assert.Equal(["roi_2", "roi_3", "roi_4"], Folders());
        Assert.Equal(hashes[1], GoldenFiles.ContentHashes(Roi(2)).Single());
        Assert.Equal(hashes[3], GoldenFiles.ContentHashes(Roi(4)).Single());
    }

    [Fact]
    public void ExistingDestinationIsReplacedButItsFilesAreKept()
    {
        var source = GoldenFiles.Fill(Roi(3), "best_golden.jpg")["best_golden.jpg"];
        var replaced = GoldenFiles.Fill(Roi(4), "best_golden.jpg", "x.jpg");

        var renamed = new GoldenFolderRenamer(_root).Rename(new Dictionary<int, int> { [3] = 4 });

        Assert.Equal(1, renamed);
        Assert.Equal([source], GoldenFiles.ContentHashes(Roi(4)));
        var aside = Assert.Single(Folders(), f => f.StartsWith("replaced_roi_4_", StringComparison.Ordinal));
        Assert.Equal(replaced.Values.Order(StringComparer.Ordinal), GoldenFiles.ContentHashes(Path.Combine(_root, aside)));
        Assert.Null(GoldenLibraryCatalog.RoiId(aside));
    }

    [Fact]
    public void MissingSourcesAndIdentityPairsRenameNothing()
    {
        GoldenFiles.Fill(Roi(5), "best_golden.jpg");

        var renamed = new GoldenFolderRenamer(_root).Rename(new Dictionary<int, int> { [7] = 8, [5] = 5 });

        Assert.Equal(0, renamed);
        Assert.Equal(["roi_5"], Folders());
    }

    [Fact]
    public void TwoSourcesToOneDestinationAreRefusedBeforeAnyMove()
    {
        GoldenFiles.Fill(Roi(1), "best_golden.jpg");
        GoldenFiles.Fill(Roi(2), "best_golden.jpg");

        Assert.Throws<ArgumentException>(() => new GoldenFolderRenamer(_root).Rename(new Dictionary<int, int> { [1] = 3, [2] = 3 }));
        Assert.Equal(["roi_1", "roi_2"], Folders());
    }

    private string[] Folders() =>
        Directory.EnumerateDirectories(_root).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
}
