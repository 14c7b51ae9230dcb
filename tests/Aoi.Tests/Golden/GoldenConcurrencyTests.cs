using Aoi.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Golden;

/// <summary>
/// Many tasks changing one ROI folder at once through its golden library grain (spec 4.2): no picture lost or
/// duplicated, always exactly one best golden; a rename of the folder in the middle of it loses nothing either.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class GoldenConcurrencyTests(AoiWebFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private IGoldenLibraryGrain Grain(string product, int idx) =>
        factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IGoldenLibraryGrain>($"{product}/{idx}");

    [Fact]
    public async Task ParallelSavesPromotionsRestoresAndDeletesLoseNothing()
    {
        var product = await CompareProduct.CreateAsync(_client);
        var folder = CompareProduct.GoldenFolder(factory, product);
        var promoted = Enumerable.Range(0, 6).Select(i => $"p{i}.jpg").ToArray();
        var deleted = Enumerable.Range(0, 6).Select(i => $"d{i}.jpg").ToArray();
        var restored = new[] { "original_100_old_best.jpg", "original_200_old_best.jpg" };
        var initial = GoldenFiles.Fill(folder, ["best_golden.jpg", .. promoted, .. deleted, .. restored]);
        var uploads = Enumerable.Range(1000, 6).Select(GoldenFiles.Jpeg).ToArray();
        var grain = Grain(product, CompareProduct.RoiIdx);

        // Started together and interleaved, so the grain receives the four kinds of change mixed.
        var calls = uploads.Select(grain.SaveBestAsync)
            .Concat(promoted.Select(grain.PromoteAsync))
            .Concat(deleted.Select(grain.DeleteAsync))
            .Concat(restored.Select(grain.RestoreAsync))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var expected = initial.Where(p => !deleted.Contains(p.Key)).Select(p => p.Value)
            .Concat(uploads.Select(GoldenFiles.Hash))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, GoldenFiles.ContentHashes(folder));
        var names = GoldenFiles.Names(folder);
        Assert.Single(names, n => n == "best_golden.jpg");
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(initial.Count - deleted.Length + uploads.Length, names.Length);
    }

    [Fact]
    public async Task RenameDuringChangesLosesNothing()
    {
        var product = await CompareProduct.CreateAsync(_client);
        var root = Path.Combine(factory.ProductRoot, product, "golden_rois");
        var one = GoldenFiles.Fill(Path.Combine(root, "roi_1"), "best_golden.jpg", "a.jpg");
        var two = GoldenFiles.Fill(Path.Combine(root, "roi_2"), "best_golden.jpg", "b.jpg");
        var uploads = Enumerable.Range(2000, 8).Select(GoldenFiles.Jpeg).ToArray();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();

        var saves = uploads.Select((u, i) => Grain(product, 1 + i % 2).SaveBestAsync(u)).ToList();
        var rename = await grains.GetGrain<IGoldenProductGrain>(product).RenameFoldersAsync(new Dictionary<int, int> { [1] = 2, [2] = 1 });
        var saved = await Task.WhenAll(saves);

        Assert.Equal(2, rename.RenamedCount);
        Assert.All(saved, r => Assert.True(r.Succeeded));
        var expected = one.Values.Concat(two.Values).Concat(uploads.Select(GoldenFiles.Hash)).Order(StringComparer.Ordinal);
        var actual = GoldenFiles.ContentHashes(Path.Combine(root, "roi_1")).Concat(GoldenFiles.ContentHashes(Path.Combine(root, "roi_2")))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(["roi_1", "roi_2"], Directory.EnumerateDirectories(root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal));
        Assert.Single(GoldenFiles.Names(Path.Combine(root, "roi_1")), n => n == "best_golden.jpg");
        Assert.Single(GoldenFiles.Names(Path.Combine(root, "roi_2")), n => n == "best_golden.jpg");
    }
}
