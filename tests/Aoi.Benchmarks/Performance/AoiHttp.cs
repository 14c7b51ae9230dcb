using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Benchmarks.Performance;

/// <summary>The few legacy endpoints a line client uses (spec 7.4, 7.5), timed.</summary>
public sealed class AoiHttp(HttpClient http)
{
    public static HttpClient CreateClient(string baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"),
            // The faithful seed-design peer re-featurises a whole golden library per inspection: minutes on a loaded machine.
            Timeout = TimeSpan.FromMinutes(15),
        };

    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync("api/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>POST /api/initialize, as a line client calls it before its first session (spec 7.1); its message.</summary>
    public async Task<string?> InitializeAsync(CancellationToken ct)
    {
        using var response = await http.PostAsync("api/initialize", null, ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["message"]?.GetValue<string>();
    }

    /// <summary>Waits until /api/health says <c>initialized</c> (the engine warm-up finished, spec 7.1); false on timeout.</summary>
    public async Task<bool> WaitInitializedAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            using (var response = await http.GetAsync("api/health", ct))
            {
                if (response.IsSuccessStatusCode
                    && JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["initialized"]?.GetValue<bool>() == true)
                {
                    return true;
                }
            }

            await Task.Delay(50, ct);
        }

        return false;
    }

    public async Task<string> CreateSessionAsync(string product, string clientId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["product_name"] = product,
            ["client_info"] = new JsonObject { ["client_id"] = clientId, ["version"] = "bench", ["transport"] = "http" },
        };
        using var response = await http.PostAsync("api/session/create", Json(body.ToJsonString()), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"session create for {product}: HTTP {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!["session_id"]!.GetValue<string>();
    }

    public async Task<int> CloseAsync(string sessionId, CancellationToken ct)
    {
        using var response = await http.PostAsync($"api/session/{sessionId}/close", null, ct);
        return (int)response.StatusCode;
    }

    /// <summary>Single-image inspection of a picture already in the shared folder (W style image_path).</summary>
    public Task<InspectionCall> InspectPathAsync(string sessionId, string clientPath, CancellationToken ct) =>
        PostInspectionAsync($"api/session/{sessionId}/inspect", Encoding.UTF8.GetBytes(new JsonObject { ["image_path"] = clientPath }.ToJsonString()), ct);

    /// <summary>Single-image inspection with a prepared JSON body (e.g. T style base64 image).</summary>
    public Task<InspectionCall> InspectAsync(string sessionId, byte[] jsonBody, CancellationToken ct) =>
        PostInspectionAsync($"api/session/{sessionId}/inspect", jsonBody, ct);

    /// <summary>Grouped inspection with a prepared JSON body ({captured_images: …}).</summary>
    public Task<InspectionCall> InspectGroupedAsync(string sessionId, byte[] jsonBody, CancellationToken ct) =>
        PostInspectionAsync($"api/session/{sessionId}/grouped_inspect", jsonBody, ct);

    /// <summary>A single-inspection body carrying the picture as a base64 data URL, as the T client sends it.</summary>
    public static byte[] Base64SingleBody(byte[] jpeg) =>
        Encoding.UTF8.GetBytes($"{{\"image\":\"data:image/jpeg;base64,{Convert.ToBase64String(jpeg)}\"}}");

    /// <summary>A grouped body with one group per (focus, exposure), every group carrying the same base64 picture.</summary>
    public static byte[] Base64GroupedBody(byte[] jpeg, IEnumerable<(int Focus, int Exposure)> groups)
    {
        var image = Convert.ToBase64String(jpeg);
        var entries = groups.Distinct().Select(g =>
            $"\"{g.Focus},{g.Exposure}\":{{\"focus\":{g.Focus},\"exposure\":{g.Exposure},\"image\":\"data:image/jpeg;base64,{image}\"}}");
        return Encoding.UTF8.GetBytes($"{{\"captured_images\":{{{string.Join(',', entries)}}}}}");
    }

    private async Task<InspectionCall> PostInspectionAsync(string path, byte[] body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            return new InspectionCall(status, wall, null, null, null, null, 0, 0, 0, Encoding.UTF8.GetString(bytes));
        }

        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        var results = root.GetProperty("roi_results").EnumerateArray().ToList();
        return new InspectionCall(status, wall, Header(response, "X-Aoi-Decode-Ms"), Header(response, "X-Aoi-Roi-Phase-Ms"),
            Header(response, "X-Aoi-Pipeline-Ms"), root.GetProperty("overall_result").GetProperty("passed").GetBoolean(),
            results.Count, results.Sum(r => r.GetProperty("processing_time_ms").GetDouble()),
            results.Count(r => r.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String), null);
    }

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
