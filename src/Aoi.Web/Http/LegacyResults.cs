using System.Text.Json.Nodes;

namespace Aoi.Web.Http;

/// <summary>JSON responses of the legacy contract: bodies are built as ordered <see cref="JsonObject"/>s.</summary>
public static class LegacyResults
{
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

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
