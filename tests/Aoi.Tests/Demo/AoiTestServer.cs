using System.Net.Http.Json;
using System.Text.Json;

namespace Aoi.Tests.Demo;

/// <summary>
/// The real server (web front end + co-hosted silo, free ports) on temporary data, optionally with the demo seeded
/// and with shared/product roots elsewhere.
/// </summary>
public sealed class AoiTestServer(string dataRoot, bool seedDemo, string? sharedRoot = null, string? productRoot = null)
    : Http.AoiWebFactory(dataRoot, "demo-tests-" + Guid.NewGuid().ToString("N"), deleteDataRootOnDispose: false)
{
    public new string SharedRoot => sharedRoot ?? base.SharedRoot;
    public new string ProductRoot => productRoot ?? base.ProductRoot;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Aoi:SharedRoot"] = SharedRoot;
        settings["Aoi:ProductRoot"] = ProductRoot;
        settings["Aoi:SeedDemo"] = seedDemo ? "true" : "false";
        return settings;
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
