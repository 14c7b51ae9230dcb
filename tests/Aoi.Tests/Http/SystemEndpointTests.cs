using System.Net;
using System.Text.Json.Nodes;
using Aoi.Web.Apis;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Http;

/// <summary>System, documentation and schema endpoints (spec 7.1, 7.3; case 51).</summary>
[Collection(WebCollection.Name)]
public sealed class SystemEndpointTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task HealthOnBothPathsHasTheSameKeys()
    {
        var api = await HttpAssert.JsonAsync(await client.GetAsync("/api/health", Ct));
        var plain = await HttpAssert.JsonAsync(await client.GetAsync("/health", Ct));

        // The spec's keys, then the server's own addition: the CFX message bus (off here: no broker configured).
        Assert.Equal(["status", "timestamp", "modules_available", "initialized", "active_sessions", "message_bus"], HttpAssert.Keys(api));
        Assert.Equal(HttpAssert.Keys(api), HttpAssert.Keys(plain));
        Assert.Contains((string?)api["status"], new[] { "healthy", "degraded" });
        Assert.Equal("""{"status":"off","pending":null,"error":null}""", api["message_bus"]!.ToJsonString());
    }

    [Fact]
    public async Task StatusReportsUptimeInSecondsNotEpoch()
    {
        var status = await HttpAssert.JsonAsync(await client.GetAsync("/api/status", Ct));
        Assert.Equal(["initialized", "current_product", "inspection_in_progress", "active_sessions", "modules_available", "uptime"],
            HttpAssert.Keys(status));
        var uptime = (double)status["uptime"]!;
        Assert.InRange(uptime, 0, TimeSpan.FromDays(1).TotalSeconds);
    }

    [Fact]
    public async Task InitializeAnswersWithSuccessAndReason()
    {
        var body = await HttpAssert.JsonAsync(await client.PostAsync("/api/initialize", null, Ct));
        Assert.Equal(["success", "message", "modules_available"], HttpAssert.Keys(body));
        if (!(bool)body["success"]!)
        {
            Assert.StartsWith("System initialization failed: ", (string?)body["message"]);
            var health = await HttpAssert.JsonAsync(await client.GetAsync("/api/health", Ct));
            Assert.Equal("degraded", (string?)health["status"]);
            Assert.False((bool)health["initialized"]!);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    public async Task LandingLinksTheDocumentation(string url)
    {
        var body = await HttpAssert.JsonAsync(await client.GetAsync(url, Ct));
        Assert.Equal("/apidocs/", (string?)body["documentation"]);
        Assert.Equal("/api/docs", (string?)body["api_docs"]);
        Assert.Equal("/api/docs/guide", (string?)body["guide"]);
        Assert.Equal("/api/health", (string?)body["health"]);
    }

    [Fact]
    public async Task SchemaVersionsAgree()
    {
        var roi = await HttpAssert.JsonAsync(await client.GetAsync("/api/schema/roi", Ct));
        var result = await HttpAssert.JsonAsync(await client.GetAsync("/api/schema/result", Ct));
        var version = await HttpAssert.JsonAsync(await client.GetAsync("/api/schema/version", Ct));

        Assert.Equal("3.3", (string?)roi["version"]);
        Assert.Equal("2.1", (string?)result["version"]);
        Assert.Equal((string?)roi["version"], (string?)version["roi_structure"]!["version"]);
        Assert.Equal((string?)result["version"], (string?)version["result_structure"]!["version"]);
        Assert.Equal("1.0", (string?)version["api_version"]);
        Assert.Equal(["1", "2", "3", "4"], HttpAssert.Keys(roi["roi_types"]!.AsObject()));
        Assert.Equal(5, roi["barcode_priority_logic"]!["priorities"]!.AsArray().Count);
        Assert.Contains(roi["fields"]!.AsArray(), f => (string?)f!["name"] == "expected_pattern");
        Assert.Equal(["barcode", "compare", "ocr", "color"],
            HttpAssert.Keys(result["roi_result_structure"]!["type_specific_fields"]!.AsObject()));
        foreach (var key in new[] { "barcode_roi", "compare_roi", "ocr_roi", "color_roi_box", "color_roi_ranges" })
        {
            Assert.NotNull(roi["example"]![key]);
        }
    }

    [Fact]
    public async Task DocsCatalogueListsExactlyTheRoutedEndpoints()
    {
        var docs = await HttpAssert.JsonAsync(await client.GetAsync("/api/docs", Ct));
        Assert.Equal("1.0.0", (string?)docs["api_version"]);
        var listed = docs["endpoints"]!.AsArray()
            .Select(e => ((string)e!["method"]!, (string)e["path"]!)).ToHashSet();

        var routed = DocsApi.ImplementedEndpoints(factory.Services.GetRequiredService<EndpointDataSource>())
            .Select(e => (e.Method, e.Path)).ToHashSet();
        Assert.Equal(routed, listed);
        foreach (var expected in new[]
        {
            ("GET", "/api/health"), ("GET", "/health"), ("POST", "/api/initialize"), ("GET", "/api/products"),
            ("GET", "/get_roi_groups/{product}"), ("POST", "/api/session/create"), ("POST", "/api/session/{id}/inspect"),
            ("POST", "/process_grouped_inspection"), ("POST", "/api/session/{id}/grouped_inspect"), ("DELETE", "/api/session/{id}"),
            ("GET", "/shared/{path}"), ("HEAD", "/shared/{path}"), ("GET", "/apispec_1.json"), ("GET", "/apidocs/"),
        })
        {
            Assert.Contains(expected, listed);
        }

        Assert.DoesNotContain(listed, e => e.Item2.StartsWith("/api/inspect/", StringComparison.Ordinal));
        Assert.DoesNotContain(listed, e => e.Item2.EndsWith("/golden_samples", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryListedEndpointIsRouted()
    {
        var docs = await HttpAssert.JsonAsync(await client.GetAsync("/api/docs", Ct));
        foreach (var entry in docs["endpoints"]!.AsArray())
        {
            var method = (string)entry!["method"]!;
            var path = ((string)entry["path"]!)
                .Replace("{product}", "P1").Replace("{id}", "not-a-session").Replace("{path}", "none.txt");
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST")
            {
                request.Content = WebRequests.Raw("{}", "application/json");
            }

            using var response = await client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            // A route that exists may still say "Session not found" or "File not found"; only the router says "Not found".
            Assert.False(response.StatusCode == HttpStatusCode.MethodNotAllowed || text.Contains("\"error\":\"Not found\""),
                $"{method} {path} is listed but not routed: {(int)response.StatusCode} {text}");
        }
    }

    [Fact]
    public async Task GuideIsMarkdown()
    {
        var response = await client.GetAsync("/api/docs/guide", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Visual AOI server", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ExplorerPageLoadsTheOpenApiDocument()
    {
        var page = await client.GetAsync("/apidocs/", Ct);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/apispec_1.json", await page.Content.ReadAsStringAsync(Ct));

        var spec = await client.GetAsync("/apispec_1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, spec.StatusCode);
        var doc = JsonNode.Parse(await spec.Content.ReadAsStringAsync(Ct))!;
        Assert.StartsWith("3.", (string?)doc["openapi"]);
        Assert.NotNull(doc["paths"]!["/api/health"]);
        Assert.NotNull(doc["paths"]!["/process_grouped_inspection"]);
    }
}
