using System.Net;

namespace Aoi.Tests.Http;

/// <summary>GET|HEAD /shared/&lt;path&gt; (spec 4.6, 5.6, 7.7).</summary>
[Collection(WebCollection.Name)]
public sealed class SharedFilesTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    private string WriteShared(string relative, byte[] bytes)
    {
        var path = Path.Combine(factory.SharedRoot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertNoCache(HttpResponseMessage response)
    {
        var cache = response.Headers.CacheControl;
        Assert.True(cache is { NoCache: true, NoStore: true, MustRevalidate: true }, $"Cache-Control: {cache}");
    }

    [Fact]
    public async Task ServesOutputFilesWithoutCaching()
    {
        var id = Guid.NewGuid().ToString();
        var bytes = WebRequests.Jpeg(16, 50);
        WriteShared($"sessions/{id}/output/roi_1.jpg", bytes);

        var response = await client.GetAsync($"/shared/sessions/{id}/output/roi_1.jpg", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        AssertNoCache(response);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task HeadGivesHeadersWithoutBody()
    {
        WriteShared("roi_editor/snap.png", [1, 2, 3, 4, 5]);
        using var request = new HttpRequestMessage(HttpMethod.Head, "/shared/roi_editor/snap.png");
        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, response.Content.Headers.ContentLength);
        AssertNoCache(response);
    }

    [Fact]
    public async Task ServesTheGoldenView()
    {
        var product = "GV" + Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateDirectory(Path.Combine(factory.ProductRoot, product, "golden_rois", "roi_3")).FullName;
        var bytes = WebRequests.Jpeg(20, 20);
        File.WriteAllBytes(Path.Combine(folder, "best_golden.jpg"), bytes);
        File.WriteAllText(Path.Combine(factory.ProductRoot, product, $"rois_config_{product}.json"), "[]");

        var response = await client.GetAsync($"/shared/golden/{product}/golden_rois/roi_3/best_golden.jpg", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoCache(response);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));

        // Only golden files are exposed, not the configuration next to them.
        await HttpAssert.ErrorAsync(await client.GetAsync($"/shared/golden/{product}/rois_config_{product}.json", Ct),
            HttpStatusCode.NotFound, "File not found");
    }

    [Fact]
    public async Task FoldersAreNotListedAndMissingFilesAre404()
    {
        WriteShared("listing/a.txt", [1]);
        await HttpAssert.ErrorAsync(await client.GetAsync("/shared/listing", Ct), HttpStatusCode.NotFound, "File not found");
        await HttpAssert.ErrorAsync(await client.GetAsync("/shared/listing/", Ct), HttpStatusCode.NotFound, "File not found");
        await HttpAssert.ErrorAsync(await client.GetAsync("/shared/listing/b.txt", Ct), HttpStatusCode.NotFound, "File not found");
    }

    [Theory]
    [InlineData("/shared/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/shared/sessions/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/shared/golden/P/golden_rois/roi_1/..%2F..%2F..%2Frois_config_P.json")]
    public async Task EscapingPathsAre400(string url)
    {
        var response = await client.GetAsync(url, Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "Invalid path: outside shared folder");
    }

    [Fact]
    public async Task SymbolicLinkOutOfTheShareIs400()
    {
        var outside = Path.Combine(factory.DataRoot, "outside.txt");
        File.WriteAllText(outside, "secret");
        var link = Path.Combine(factory.SharedRoot, $"link-{Guid.NewGuid():N}.txt");
        File.CreateSymbolicLink(link, outside);

        var response = await client.GetAsync("/shared/" + Path.GetFileName(link), Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "Invalid path: outside shared folder");
    }
}
