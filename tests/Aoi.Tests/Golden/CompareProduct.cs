using System.Text.Json.Nodes;
using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Golden;

/// <summary>
/// A one-ROI compare product saved through the web front end: ROI 1 at [100,100,200,200] on a 640×480 board, deep
/// feature method, threshold 0.9. The pictures are drawn patterns; which golden matches is decided by the compare
/// engine, the tests only choose which pattern sits where.
/// </summary>
public static class CompareProduct
{
    public const int RoiIdx = 1;
    private static readonly Rect Roi = new(100, 100, 100, 100);

    public static async Task<string> CreateAsync(HttpClient client)
    {
        var name = "GLD-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/products/{name}/rois", """
            {"rois": [{"idx": 1, "type": 2, "coords": [100, 100, 200, 200], "focus": 305, "exposure": 3000,
                       "ai_threshold": 0.9, "feature_method": "mobilenet", "device_location": 1}]}
            """));
        Assert.StartsWith("Saved 1 ROIs successfully", (string?)saved["message"]);
        return name;
    }

    /// <summary>Distinct 100×100 patterns: 0 = colour checkerboard, 1 = concentric rings, 2 = diagonal stripes, 3 = blobs.</summary>
    public static Mat Pattern(int kind)
    {
        var image = new Mat(Roi.Height, Roi.Width, MatType.CV_8UC3, Scalar.Black);
        switch (kind)
        {
            case 0:
                for (var y = 0; y < 100; y += 20)
                for (var x = 0; x < 100; x += 20)
                {
                    image.Rectangle(new Rect(x, y, 20, 20), (x + y) / 20 % 2 == 0 ? new Scalar(0, 200, 255) : new Scalar(200, 40, 0), -1);
                }

                break;
            case 1:
                image.SetTo(new Scalar(230, 230, 230));
                for (var r = 45; r > 0; r -= 10)
                {
                    image.Circle(new Point(50, 50), r, r / 10 % 2 == 0 ? new Scalar(30, 30, 30) : new Scalar(60, 160, 60), -1);
                }

                break;
            case 2:
                for (var i = -100; i < 200; i += 16)
                {
                    image.Line(new Point(i, 0), new Point(i + 100, 100), new Scalar(255, 255, 255), 5);
                }

                break;
            default:
                image.SetTo(new Scalar(40, 90, 160));
                image.Circle(new Point(30, 35), 18, new Scalar(250, 250, 0), -1);
                image.Rectangle(new Rect(55, 55, 35, 25), new Scalar(0, 0, 0), -1);
                break;
        }

        return image;
    }

    public static byte[] Jpeg(int kind)
    {
        using var pattern = Pattern(kind);
        Cv2.ImEncode(".jpg", pattern, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        return bytes;
    }

    /// <summary>A lossless board picture whose ROI crop is the pattern, as a data URL for the inspect endpoint.</summary>
    public static string BoardDataUrl(int kind)
    {
        using var board = new Mat(480, 640, MatType.CV_8UC3, new Scalar(20, 20, 20));
        using var pattern = Pattern(kind);
        pattern.CopyTo(board[Roi]);
        Cv2.ImEncode(".png", board, out var png);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static string GoldenFolder(AoiWebFactory factory, string product) =>
        Path.Combine(factory.ProductRoot, product, "golden_rois", $"roi_{RoiIdx}");

    /// <summary>Inspects the board with the given pattern and returns ROI 1's result.</summary>
    public static async Task<JsonObject> InspectAsync(HttpClient client, string session, int kind)
    {
        var response = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = BoardDataUrl(kind) }));
        return response["roi_results"]!.AsArray().Single()!.AsObject();
    }
}
