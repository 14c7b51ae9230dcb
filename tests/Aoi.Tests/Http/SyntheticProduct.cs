using System.Net;
using System.Text.Json.Nodes;
using OpenCvSharp;

namespace Aoi.Tests.Http;

/// <summary>
/// A two-group colour product saved through POST /api/products/&lt;p&gt;/rois: ROI 1 (device 1) looks for red in
/// group (210,500), ROI 2 (device 2) for blue in group (230,650). <see cref="GoodImage"/> passes both; a black
/// canvas fails both, so verdicts come from the colour engine, not from the test.
/// </summary>
public static class SyntheticProduct
{
    public const int Width = 640, Height = 480;
    public static readonly Rect RedBox = new(100, 100, 100, 100);
    public static readonly Rect BlueBox = new(300, 100, 100, 100);

    public static string RoisJson => """
        {"rois": [
          {"idx": 1, "type": 4, "coords": [100, 100, 200, 200], "focus": 210, "exposure": 500, "device_location": 1,
           "expected_color": [255, 0, 0], "color_tolerance": 30, "min_pixel_percentage": 50.0},
          {"idx": 2, "type": 4, "coords": [300, 100, 400, 200], "focus": 230, "exposure": 650, "device_location": 2,
           "expected_color": "#0000FF", "color_tolerance": 30, "min_pixel_percentage": 50.0}
        ]}
        """;

    public static byte[] GoodImage() =>
        WebRequests.Jpeg(Width, Height, (RedBox, new Scalar(0, 0, 255)), (BlueBox, new Scalar(255, 0, 0)));

    public static byte[] BlackImage() => WebRequests.Jpeg(Width, Height);

    /// <summary>Saves the product under a fresh name and returns the name.</summary>
    public static async Task<string> CreateAsync(HttpClient client)
    {
        var name = "SYN-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/products/{name}/rois", RoisJson));
        Assert.StartsWith("Saved 2 ROIs successfully (all validated)", (string?)saved["message"]);
        return name;
    }

    /// <summary>Opens a session the way W does (client_info object) and returns its id.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient client, string product)
    {
        var created = await HttpAssert.JsonAsync(await client.PostJsonAsync("/api/session/create", $$$"""
            {"product_name": "{{{product}}}",
             "client_info": {"client_id": "station-7", "version": "2.4.1", "transport": "shared_folder", "location": "line 3"}}
            """));
        Assert.Equal(["session_id", "product_name", "created_at", "message"], HttpAssert.Keys(created));
        Assert.Equal($"Session created for product: {product}", (string?)created["message"]);
        var id = (string)created["session_id"]!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        return id;
    }

    public static JsonObject WithoutTimes(JsonNode results)
    {
        var copy = JsonNode.Parse(results.ToJsonString())!;
        foreach (var r in copy.AsArray())
        {
            r!.AsObject().Remove("processing_time_ms");
            r.AsObject().Remove("roi_image_path");
        }

        return new JsonObject { ["r"] = copy };
    }

    public static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        Assert.Equal(status, response.StatusCode);
        return response;
    }
}
