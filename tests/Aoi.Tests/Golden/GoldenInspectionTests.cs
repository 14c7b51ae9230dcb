using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Aoi.Tests.Http;

namespace Aoi.Tests.Golden;

/// <summary>Golden library and inspection together through the web front end (cases 29 and 30).</summary>
[Collection(WebCollection.Name)]
public sealed partial class GoldenInspectionTests(AoiWebFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [GeneratedRegex(@"^\d{13}_golden_sample\.jpg$")]
    private static partial Regex PromotionBackup();

    [Fact]
    public async Task Case29ConcurrentInspectionsPromotingInOneFolderLeaveOneBest()
    {
        var product = await CompareProduct.CreateAsync(_client);
        var folder = CompareProduct.GoldenFolder(factory, product);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "best_golden.jpg"), CompareProduct.Jpeg(0));
        File.WriteAllBytes(Path.Combine(folder, "a.jpg"), CompareProduct.Jpeg(2));
        File.WriteAllBytes(Path.Combine(folder, "b.jpg"), CompareProduct.Jpeg(1));
        var before = GoldenFiles.ContentHashes(folder);
        var matching = GoldenFiles.Hash(CompareProduct.Jpeg(1));
        var sessions = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            sessions.Add(await SyntheticProduct.OpenSessionAsync(_client, product));
        }

        var results = await Task.WhenAll(sessions.Select(s => CompareProduct.InspectAsync(_client, s, kind: 1)));

        Assert.All(results, r =>
        {
            Assert.True((bool)r["passed"]!, r.ToJsonString());
            Assert.Null(r["error"]);
            Assert.Equal("Match", (string?)r["match_result"]);
        });
        var names = GoldenFiles.Names(folder);
        Assert.Equal(3, names.Length);
        Assert.Single(names, n => n == "best_golden.jpg");
        Assert.Contains("a.jpg", names);
        Assert.Single(names, n => PromotionBackup().IsMatch(n));
        Assert.Equal(before, GoldenFiles.ContentHashes(folder));
        Assert.Equal(matching, GoldenFiles.Hash(File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg"))));
    }

    [Fact]
    public async Task Case30UploadedBestIsUsedByTheNextInspection()
    {
        var product = await CompareProduct.CreateAsync(_client);
        var folder = CompareProduct.GoldenFolder(factory, product);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "best_golden.jpg"), CompareProduct.Jpeg(0));
        var session = await SyntheticProduct.OpenSessionAsync(_client, product);

        var before = await CompareProduct.InspectAsync(_client, session, kind: 3);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(product), "product_name" },
            { new StringContent("1"), "roi_id" },
        };
        var image = new ByteArrayContent(CompareProduct.Jpeg(3));
        image.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(image, "golden_image", "new_best.jpg");
        var saved = await HttpAssert.JsonAsync(await _client.PostAsync("/api/golden-sample/save", form, TestContext.Current.CancellationToken));
        var after = await CompareProduct.InspectAsync(_client, session, kind: 3);

        Assert.False((bool)before["passed"]!, before.ToJsonString());
        Assert.StartsWith("Golden sample saved as 'best_golden.jpg' for ROI 1. Old golden sample backed up as 'original_", (string?)saved["message"]);
        Assert.True((bool)after["passed"]!, after.ToJsonString());
        Assert.True((double)after["ai_similarity"]! > (double)before["ai_similarity"]!, $"{before} then {after}");
        // The best matched, so nothing was promoted: the upload and its backup are all there is.
        Assert.Equal(2, GoldenFiles.Names(folder).Length);
        Assert.Equal(CompareProduct.Jpeg(3), File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
    }
}
