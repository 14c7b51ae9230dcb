using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Web.Http;

namespace Aoi.Web.Apis;

/// <summary>Mapping of product grain outcomes to legacy responses.</summary>
internal static class ProductResults
{
    public static IResult Error(ProductCommandResult result) =>
        LegacyResults.Error(result.Status, result.Error ?? "Request failed",
            result.ValidationErrors.Length > 0 ? result.ValidationErrors : null);

    /// <summary>The JSON array a product command returned in <see cref="ProductCommandResult.Payload"/>.</summary>
    public static JsonArray PayloadArray(ProductCommandResult result)
    {
        if (string.IsNullOrEmpty(result.Payload))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(result.Payload) as JsonArray
                ?? throw new InvalidOperationException("product payload is not a JSON array");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException("product payload is not valid JSON", ex);
        }
    }
}
