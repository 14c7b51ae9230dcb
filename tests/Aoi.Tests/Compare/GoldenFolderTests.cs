using System.Text.RegularExpressions;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Compare;

public sealed partial class GoldenFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aoi-golden-").FullName;

    private string Folder => Path.Combine(_root, "p", "golden_rois", "roi_7");

    [Fact]
    public void CandidatesAreBestFirstThenOrdinalJpgOnly()
    {
        Write("a.jpg", "B.jpg", "10.jpg", "c.JPG", "best_golden.jpg", "notes.txt", "x.png");
        var names = new GoldenFolder(Folder).ListCandidates().Select(c => c.Name);
        Assert.Equal(["best_golden.jpg", "10.jpg", "B.jpg", "a.jpg", "c.JPG"], names);
    }

    [Fact]
    public void MissingFolderHasNoCandidates() =>
        Assert.Empty(new GoldenFolder(Path.Combine(_root, "absent")).ListCandidates());

    [Fact]
    public void PromotionRenamesBestToEpochSampleAndCandidateToBest()
    {
        Write("best_golden.jpg", "b.jpg");
        var folder = new GoldenFolder(Folder, new FixedClock(1_766_385_010_027));
        var stamps = folder.ListCandidates().ToDictionary(c => c.Name, c => c.Stamp);

        Assert.True(folder.PromoteMatch("b.jpg", stamps["b.jpg"], stamps["best_golden.jpg"]));

        Assert.Equal(["1766385010027_golden_sample.jpg", "best_golden.jpg"], Names());
        Assert.Equal("b.jpg", File.ReadAllText(Path.Combine(Folder, "best_golden.jpg")));
        Assert.Equal("best_golden.jpg", File.ReadAllText(Path.Combine(Folder, "1766385010027_golden_sample.jpg")));
    }

    [Fact]
    public void BackupTakesNextFreeMillisecond()
    {
        Write("best_golden.jpg", "b.jpg", "0000000000005_golden_sample.jpg", "0000000000006_golden_sample.jpg");
        var folder = new GoldenFolder(Folder, new FixedClock(5));
        var stamps = folder.ListCandidates().ToDictionary(c => c.Name, c => c.Stamp);

        Assert.True(folder.PromoteMatch("b.jpg", stamps["b.jpg"], stamps["best_golden.jpg"]));

        Assert.Equal(
            ["0000000000005_golden_sample.jpg", "0000000000006_golden_sample.jpg", "0000000000007_golden_sample.jpg", "best_golden.jpg"],
            Names());
        Assert.Equal("best_golden.jpg", File.ReadAllText(Path.Combine(Folder, "0000000000007_golden_sample.jpg")));
    }

    [Fact]
    public void WithoutBestTheCandidateJustBecomesBest()
    {
        Write("a.jpg", "b.jpg");
        var folder = new GoldenFolder(Folder);
        var stamp = folder.StampOf("b.jpg")!;

        Assert.True(folder.PromoteMatch("b.jpg", stamp, bestStamp: null));

        Assert.Equal(["a.jpg", "best_golden.jpg"], Names());
    }

    [Fact]
    public void ChangedFilesSkipPromotion()
    {
        Write("best_golden.jpg", "b.jpg");
        var folder = new GoldenFolder(Folder);
        var candidateStamp = folder.StampOf("b.jpg")!;
        var bestStamp = folder.StampOf("best_golden.jpg")!;
        File.WriteAllText(Path.Combine(Folder, "b.jpg"), "replaced by a longer text");

        Assert.False(folder.PromoteMatch("b.jpg", candidateStamp, bestStamp));
        Assert.False(folder.PromoteMatch("b.jpg", folder.StampOf("b.jpg")!, bestStamp: null));
        Assert.Equal(["b.jpg", "best_golden.jpg"], Names());
    }

    [Theory]
    [InlineData("best_golden.jpg")]
    [InlineData("../b.jpg")]
    [InlineData("b.png")]
    [InlineData("missing.jpg")]
    public void InvalidCandidatesAreNotPromoted(string name)
    {
        Write("best_golden.jpg", "b.jpg", "b.png");
        var folder = new GoldenFolder(Folder);

        Assert.False(folder.PromoteMatch(name, folder.StampOf("b.jpg")!, folder.StampOf("best_golden.jpg")));
        Assert.Equal(["b.jpg", "b.png", "best_golden.jpg"], Names());
    }

    [Fact]
    public async Task Case29ConcurrentPromotionsLeaveExactlyOneBest()
    {
        var alternatives = Enumerable.Range(1, 8).Select(i => $"alt{i}.jpg").ToArray();
        Write(["best_golden.jpg", .. alternatives]);
        var before = Names().Length;
        var options = Options.Create(new AoiOptions { ProductRoot = _root });
        var promoter = new DirectGoldenPromoter(new AoiPaths(options));
        var folder = new GoldenFolder(Folder);
        var bestStamp = folder.StampOf("best_golden.jpg");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Every "inspection" read the same best and matched a different alternative; all promote at once.
        var promotions = alternatives.Select(name => Task.Run(async () =>
        {
            var stamp = folder.StampOf(name)!;
            await start.Task;
            return await promoter.PromoteMatchAsync("p", 7, name, stamp, bestStamp);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(promotions);

        Assert.Single(results, promoted => promoted);
        var names = Names();
        Assert.Equal(before, names.Length);
        Assert.Single(names, n => n == "best_golden.jpg");
        Assert.Single(names, n => SampleName().IsMatch(n));
        Assert.Equal(7, names.Count(n => n.StartsWith("alt", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(params string[] names)
    {
        Directory.CreateDirectory(Folder);
        foreach (var name in names)
        {
            // Content = own name, so renames can be traced by reading the files.
            File.WriteAllText(Path.Combine(Folder, name), name);
        }
    }

    private string[] Names() =>
        Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"^\d{13}_golden_sample\.jpg$")]
    private static partial Regex SampleName();

    private sealed class FixedClock(long unixMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    }
}
