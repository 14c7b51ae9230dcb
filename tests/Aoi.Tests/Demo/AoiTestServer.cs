using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aoi.Tests.Demo;

/// <summary>The real server (web front end + co-hosted silo) on temporary data, shared and product roots.</summary>
public sealed class AoiTestServer(string dataRoot, bool seedDemo, string? sharedRoot = null, string? productRoot = null)
    : WebApplicationFactory<Program>
{
    public string SharedRoot { get; } = sharedRoot ?? Path.Combine(dataRoot, "shared");
    public string ProductRoot { get; } = productRoot ?? Path.Combine(dataRoot, "products");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the configuration before Program builds the host, unlike ConfigureAppConfiguration.
        builder.UseSetting("Aoi:DataRoot", dataRoot);
        builder.UseSetting("Aoi:SharedRoot", SharedRoot);
        builder.UseSetting("Aoi:ProductRoot", ProductRoot);
        builder.UseSetting("Aoi:SeedDemo", seedDemo ? "true" : "false");
    }

    /// <summary>POST /api/session/create; asserts 200 and returns the session id.</summary>
    public static async Task<string> CreateSessionAsync(HttpClient client, string product, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/session/create", new { product_name = product }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"session/create {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("session_id").GetString()!;
    }

    /// <summary>POST /api/session/&lt;id&gt;/inspect with an image_path; asserts 200 and returns the parsed response.</summary>
    public static async Task<JsonDocument> InspectAsync(HttpClient client, string sessionId, string imagePath, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync($"/api/session/{sessionId}/inspect", new { image_path = imagePath }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"inspect {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
