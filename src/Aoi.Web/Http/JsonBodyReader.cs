using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace Aoi.Web.Http;

/// <summary>
/// Reads a JSON object body under the rules of spec 7.0: empty → the endpoint's own 400 text, wrong content type →
/// 415, malformed or not an object → 400 "Invalid JSON body". An empty object counts as empty, as it did for the
/// legacy server (a falsy body).
/// </summary>
public static class JsonBodyReader
{
    public const string InvalidJson = "Invalid JSON body";

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, string emptyError, CancellationToken ct)
    {
        var body = await ReadOptionalObjectAsync(request, ct);
        if (body is null || body.Count == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, emptyError);
        }

        return body;
    }

    /// <summary>The body as an object, or null when the request has no body at all.</summary>
    public static async Task<JsonObject?> ReadOptionalObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        if (!IsJson(request.ContentType))
        {
            var bytes = await ReadAllAsync(request, ct);
            if (bytes.Length == 0)
            {
                return null;
            }

            throw UnsupportedMediaType(request.ContentType);
        }

        var content = await ReadAllAsync(request, ct);
        if (content.Length == 0)
        {
            return null;
        }

        return Parse(content);
    }

    public static JsonObject Parse(ReadOnlySpan<byte> utf8)
    {
        // The parser checks string contents only when a value is read, which would surface as a 500 later.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidJson);
        }

        try
        {
            return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new ApiException(StatusCodes.Status400BadRequest, InvalidJson);
        }
        catch (JsonException)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidJson);
        }
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static ApiException UnsupportedMediaType(string? contentType)
    {
        var type = MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType.ToString() : contentType;
        return new ApiException(StatusCodes.Status415UnsupportedMediaType,
            $"Unsupported media type: {(string.IsNullOrWhiteSpace(type) ? "none" : type)}");
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = request.ContentLength is { } length ? new MemoryStream((int)Math.Min(length, int.MaxValue)) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
