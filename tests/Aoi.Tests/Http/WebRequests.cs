using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenCvSharp;

namespace Aoi.Tests.Http;

/// <summary>Request helpers shaped like the legacy clients' calls.</summary>
public static class WebRequests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode json) =>
        client.PostJsonAsync(url, json.ToJsonString());

    public static HttpContent Raw(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A JPEG (quality 95, like the line clients) of a black canvas with coloured rectangles.</summary>
    public static byte[] Jpeg(int width, int height, params (Rect Box, Scalar Bgr)[] boxes)
    {
        using var canvas = new Mat(height, width, MatType.CV_8UC3, Scalar.Black);
        foreach (var (box, bgr) in boxes)
        {
            canvas.Rectangle(box, bgr, -1);
        }

        Cv2.ImEncode(".jpg", canvas, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        return bytes;
    }
}
