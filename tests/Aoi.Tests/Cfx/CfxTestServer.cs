using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Cfx;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Cfx;

/// <summary>
/// The real server (front end + co-hosted silo, SQLite) on a private data root with CFX pointed at
/// <paramref name="broker"/> (none = CFX off) and the <see cref="CfxBoard"/> product in its product root.
/// </summary>
public sealed class CfxTestServer(string? broker, string address, IReadOnlyDictionary<string, string?>? extra = null)
    : Http.AoiWebFactory(Directory.CreateTempSubdirectory("aoi-cfx-tests-").FullName, "cfx-tests-" + Guid.NewGuid().ToString("N"), true)
{
    public const string Handle = "acme.line1.aoi-test";

    private CfxBoard? board;

    public string Address { get; } = address;

    public CfxBoard Board => board ??= new CfxBoard(ProductRoot, SharedRoot);

    public CfxMetrics Metrics => Services.GetRequiredService<CfxMetrics>();

    public CfxPublisher Publisher => Services.GetRequiredService<CfxPublisher>();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Aoi:Cfx:Broker"] = broker;
        settings["Aoi:Cfx:Address"] = Address;
        settings["Aoi:Cfx:Handle"] = Handle;
        settings["Aoi:Cfx:RetryDelayMs"] = "200";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>POST /api/session/create for the board's product; returns the session id.</summary>
    public async Task<string> OpenSessionAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/session/create", new { product_name = Board.Product }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"session/create {(int)response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["session_id"]!;
    }

    /// <summary>Single-image inspection of a board picture; asserts 200 and returns the legacy response.</summary>
    public static async Task<JsonObject> InspectAsync(HttpClient client, string session, string picture, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync($"/api/session/{session}/inspect", new { image_path = picture }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"inspect {(int)response.StatusCode}: {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    /// <summary>Grouped inspection with the one capture group the board's ROIs use.</summary>
    public static async Task<JsonObject> InspectGroupedAsync(HttpClient client, string session, string picture, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["captured_images"] = new JsonObject
            {
                ["305,1200"] = new JsonObject { ["focus"] = 305, ["exposure"] = 1200, ["image_path"] = picture },
            },
        };
        using var response = await client.PostAsync($"/api/session/{session}/grouped_inspect",
            new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"grouped_inspect {(int)response.StatusCode}: {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    /// <summary>The message_bus object of GET /api/health and the server status beside it.</summary>
    public static async Task<(string Status, JsonObject Bus)> HealthAsync(HttpClient client, CancellationToken ct)
    {
        var health = (JsonObject)JsonNode.Parse(await client.GetStringAsync("/api/health", ct))!;
        return ((string)health["status"]!, (JsonObject)health["message_bus"]!);
    }
}
