using System.Net;
using System.Text;

namespace Aoi.Tests.Http;

/// <summary>Common rules of spec 7.0 and the front-end part of the check orders of 7.5 (no grain involved).</summary>
[Collection(WebCollection.Name)]
public sealed class RoutingAndErrorTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("/nope")]
    [InlineData("/api/nothing/here")]
    public async Task UnknownRouteIs404NotFound(string url) =>
        await HttpAssert.ErrorAsync(await client.GetAsync(url, Ct), HttpStatusCode.NotFound, "Not found");

    [Fact]
    public async Task WrongMethodIs405()
    {
        await HttpAssert.ErrorAsync(await client.PostAsync("/api/health", null, Ct), HttpStatusCode.MethodNotAllowed, "Method not allowed");
        await HttpAssert.ErrorAsync(await client.GetAsync("/process_grouped_inspection", Ct), HttpStatusCode.MethodNotAllowed, "Method not allowed");
        await HttpAssert.ErrorAsync(await client.DeleteAsync("/api/products", Ct), HttpStatusCode.MethodNotAllowed, "Method not allowed");
    }

    [Fact]
    public async Task DeliberatelyMissingRoutesAre404() // spec 7.8
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync($"/api/inspect/{Guid.NewGuid()}", "{}"), HttpStatusCode.NotFound, "Not found");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/products/P1/rois/3/golden_samples", Ct), HttpStatusCode.NotFound, "Not found");
    }

    [Theory]
    [InlineData("/api/session/create")]
    [InlineData("/process_grouped_inspection")]
    [InlineData("/api/products/create")]
    [InlineData("/api/products/P1/rois")]
    public async Task NonJsonContentTypeIs415(string url)
    {
        var response = await client.PostAsync(url, WebRequests.Raw("""{"product_name":"x"}""", "text/plain"), Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type: text/plain");
    }

    [Theory]
    [InlineData("""{"product_name": "x" """)]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("nul")]
    public async Task MalformedOrNonObjectJsonIs400(string body)
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/create", body), HttpStatusCode.BadRequest, "Invalid JSON body");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", body), HttpStatusCode.BadRequest, "Invalid JSON body");
    }

    [Fact]
    public async Task JsonWithCharsetIsAccepted()
    {
        var response = await client.PostAsync("/api/session/create", WebRequests.Raw("{}", "application/json; charset=utf-8"), Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "Product name is required");
    }

    [Theory]
    [InlineData("/get_roi_groups/.hidden")]
    [InlineData("/api/products/bad%20name/rois")]
    [InlineData("/api/products/a%2Fb/colors")]
    public async Task InvalidProductNameIs400(string url) =>
        await HttpAssert.ErrorAsync(await client.GetAsync(url, Ct), HttpStatusCode.BadRequest, "Invalid product name");

    [Fact]
    public async Task TooLongProductNameIs400() =>
        await HttpAssert.ErrorAsync(await client.GetAsync("/get_roi_groups/" + new string('a', 65), Ct),
            HttpStatusCode.BadRequest, "Invalid product name");

    [Fact]
    public async Task ProductCreateValidatesBeforeTouchingStorage()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/create", "{}"), HttpStatusCode.BadRequest, "Product name is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/create", """{"product_name": " !!! "}"""),
            HttpStatusCode.BadRequest, "Invalid product name");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/create", """{"product_name": "NEWP", "num_devices": 5}"""),
            HttpStatusCode.BadRequest, "num_devices must be between 1 and 4");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/create", """{"product_name": "NEWP", "device_count": "x"}"""),
            HttpStatusCode.BadRequest, "num_devices must be between 1 and 4");
    }

    [Fact]
    public async Task SaveRoisBodyRules()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/P1/rois", """{"other": 1}"""), HttpStatusCode.BadRequest, "rois field is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/P1/rois", """{"rois": {"a": 1}}"""), HttpStatusCode.BadRequest, "rois must be an array");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/P1/colors", """{"x": 1}"""), HttpStatusCode.BadRequest, "color_ranges field is required");
    }

    [Fact]
    public async Task ImportPathMustStayInsideSharedRoot()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/import", """{"path": "/etc"}"""),
            HttpStatusCode.BadRequest, "Invalid path: outside shared folder");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/import", """{"path": "/mnt/visual-aoi-shared/../x"}"""),
            HttpStatusCode.BadRequest, "Invalid path: outside shared folder");
        await HttpAssert.ErrorStartsWithAsync(await client.PostJsonAsync("/api/products/import", """{"path": "/mnt/visual-aoi-shared/none"}"""),
            HttpStatusCode.NotFound, "Folder not found: ");
    }

    [Fact]
    public async Task SingleInspectUnknownSessionIdShapeIs404()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/not-a-session/inspect", "{}"),
            HttpStatusCode.NotFound, "Session not found");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/session/not-a-session", Ct), HttpStatusCode.NotFound, "Session not found");
        await HttpAssert.ErrorAsync(await client.PostAsync("/api/session/not-a-session/close", null, Ct), HttpStatusCode.NotFound, "Session not found");
    }

    [Fact]
    public async Task GroupedCheckOrderBeforeTheSession() // spec 7.5
    {
        await HttpAssert.ErrorAsync(await client.PostAsync("/process_grouped_inspection", null, Ct), HttpStatusCode.BadRequest, "No data provided");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", "{}"), HttpStatusCode.BadRequest, "No data provided");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", """{"captured_images": {}}"""),
            HttpStatusCode.BadRequest, "Session ID required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", """{"session_id": "nope", "captured_images": "x"}"""),
            HttpStatusCode.NotFound, "Invalid session ID");
    }

    [Fact]
    public async Task GroupedInPathChecksBodySessionId()
    {
        var url = $"/api/session/{Guid.NewGuid()}/grouped_inspect";
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, "{\"session_id\": \"" + Guid.NewGuid() + "\", \"captured_images\": {}}"),
            HttpStatusCode.BadRequest, "session_id does not match URL");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/nope/grouped_inspect", """{"captured_images": {"1,1": {}}}"""),
            HttpStatusCode.NotFound, "Session not found");
    }

    [Fact]
    public async Task SessionCreateNeedsAProductName()
    {
        await HttpAssert.ErrorAsync(await client.PostAsync("/api/session/create", null, Ct), HttpStatusCode.BadRequest, "Product name is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/create", """{"product_name": "  "}"""),
            HttpStatusCode.BadRequest, "Product name is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/session/create", """{"product_name": "../x"}"""),
            HttpStatusCode.NotFound, "Product not found: ../x");
    }
}

/// <summary>Body limit of spec 1.4 (413) on a host with a small limit.</summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly SmallBodyAoiWebFactory factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task JsonBodyOverTheLimitIs413()
    {
        var client = factory.CreateClient();
        var big = $$"""{"image": "{{new string('A', (int)SmallBodyAoiWebFactory.Limit + 10)}}"}""";
        var response = await client.PostJsonAsync($"/api/session/{Guid.NewGuid()}/inspect", big);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Fact]
    public async Task MultipartBodyOverTheLimitIs413()
    {
        var client = factory.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[SmallBodyAoiWebFactory.Limit + 10]), "image", "x.jpg" },
        };
        var response = await client.PostAsync("/process_grouped_inspection", form, Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
    }

    [Fact]
    public async Task BodyUnderTheLimitIsRead()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/api/session/create", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "Product name is required");
    }
}
