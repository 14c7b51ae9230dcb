using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Web.Http;

/// <summary>JSON responses of the legacy contract: bodies are built as ordered <see cref="JsonObject"/>s.</summary>
public static class LegacyResults
{
    // Response bodies are JSON documents, never embedded in HTML: keep '+' in time offsets and non-ASCII text
    // (Vietnamese, German OCR text) readable instead of \uXXXX escapes the legacy clients would show verbatim in logs.
    private static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(WireOptions), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>Every error carries <c>error</c> (spec 1.3); validation failures add <c>validation_errors</c>.</summary>
    public static IResult Error(int status, string error, IEnumerable<string>? validationErrors = null) =>
        Json(ErrorBody(error, validationErrors), status);

    public static JsonObject ErrorBody(string error, IEnumerable<string>? validationErrors = null)
    {
        var body = new JsonObject { ["error"] = error };
        if (validationErrors is not null)
        {
            body["validation_errors"] = new JsonArray(validationErrors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        return body;
    }
}
