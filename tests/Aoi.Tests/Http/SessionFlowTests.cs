using System.Net;

namespace Aoi.Tests.Http;

/// <summary>
/// Sessions end to end (spec 7.4; cases 46, 47 without the restart part). Need the session and directory grains.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SessionFlowTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task CreateStatusListClose()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var id = await SyntheticProduct.OpenSessionAsync(client, product);
        Assert.True(Directory.Exists(Path.Combine(factory.SharedRoot, "sessions", id, "input")));

        foreach (var url in new[] { $"/api/session/{id}", $"/api/session/{id}/status" })
        {
            var status = await HttpAssert.JsonAsync(await client.GetAsync(url, Ct));
            Assert.Equal(["session_id", "product_name", "client_info", "created_at", "last_activity", "inspection_count", "busy"],
                HttpAssert.Keys(status));
            Assert.Equal("station-7", (string?)status["client_info"]!["client_id"]);
            Assert.Equal(0, (int)status["inspection_count"]!);
            Assert.False((bool)status["busy"]!);
        }

        foreach (var url in new[] { "/api/sessions", "/api/session/list" })
        {
            var list = await HttpAssert.JsonAsync(await client.GetAsync(url, Ct));
            Assert.Contains(list["sessions"]!.AsArray(), s => (string?)s!["session_id"] == id);
            Assert.Equal(list["sessions"]!.AsArray().Count, (int)list["count"]!);
        }

        var status2 = await HttpAssert.JsonAsync(await client.GetAsync("/api/status", Ct));
        Assert.Equal(product, (string?)status2["current_product"]);

        var closed = await HttpAssert.JsonAsync(await client.PostAsync($"/api/session/{id}/close", null, Ct));
        Assert.Equal($"Session {id} closed", (string?)closed["message"]);
        Assert.True((bool)closed["directory_cleaned"]!);
        Assert.False(Directory.Exists(Path.Combine(factory.SharedRoot, "sessions", id)));
        await HttpAssert.ErrorAsync(await client.GetAsync($"/api/session/{id}", Ct), HttpStatusCode.NotFound, "Session not found");
        await HttpAssert.ErrorAsync(await client.DeleteAsync($"/api/session/{id}", Ct), HttpStatusCode.NotFound, "Session not found");
    }

    [Fact]
    public async Task DeleteClosesToo()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var id = await SyntheticProduct.OpenSessionAsync(client, product);
        var closed = await HttpAssert.JsonAsync(await client.DeleteAsync($"/api/session/{id}", Ct));
        Assert.Equal(["message", "duration_seconds", "inspection_count", "directory_cleaned"], HttpAssert.Keys(closed));
    }

    [Fact]
    public async Task UnknownSessionsAndProducts() // case 46
    {
        var unknown = Guid.NewGuid().ToString();
        await HttpAssert.ErrorAsync(await client.PostJsonAsync($"/api/session/{unknown}/inspect", """{"image_path": "x.jpg"}"""),
            HttpStatusCode.NotFound, "Session not found");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection",
            $$$"""{"session_id": "{{{unknown}}}", "captured_images": {"1,1": {"image_path": "x.jpg"} } }"""),
            HttpStatusCode.NotFound, "Invalid session ID");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync($"/api/session/{unknown}/grouped_inspect", """{"captured_images": {}}"""),
            HttpStatusCode.NotFound, "Session not found");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/create", """{"product_name": "NO-SUCH-PRODUCT"}"""),
            HttpStatusCode.NotFound, "Product not found: NO-SUCH-PRODUCT");
        await HttpAssert.ErrorAsync(await client.PostAsync($"/api/session/{unknown}/close", null, Ct), HttpStatusCode.NotFound, "Session not found");
    }
}
