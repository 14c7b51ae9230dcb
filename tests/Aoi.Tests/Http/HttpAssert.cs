using System.Net;
using System.Text.Json.Nodes;

namespace Aoi.Tests.Http;

/// <summary>Assertions on legacy JSON answers.</summary>
public static class HttpAssert
{
    /// <summary>Asserts the status and that the body is JSON with the exact <c>error</c> text; returns the body.</summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await JsonAsync(response, status);
        Assert.Equal(error, (string?)body["error"]);
        return body;
    }

    /// <summary>Asserts the status and an <c>error</c> starting with <paramref name="prefix"/>.</summary>
    public static async Task<JsonObject> ErrorStartsWithAsync(HttpResponseMessage response, HttpStatusCode status, string prefix)
    {
        var body = await JsonAsync(response, status);
        Assert.StartsWith(prefix, (string?)body["error"]);
        return body;
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<JsonObject>(JsonNode.Parse(text));
    }

    public static string[] Keys(JsonObject json) => json.Select(p => p.Key).ToArray();
}
