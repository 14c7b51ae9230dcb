using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Web.Http;

/// <summary>Lenient readers for request fields: integers may arrive as 230, 230.0 or "230" (spec 2.3, 6.5).</summary>
public static class JsonFields
{
    /// <summary>The integer value of a JSON number or numeric string, or null when absent, null or not integral.</summary>
    public static int? AsInt(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                // TryGetValue: a number beyond double's range (1e400) is "not an integer", not a FormatException.
                return value.TryGetValue<double>(out var number) && IsIntegral(number) ? (int)number : null;
            case JsonValueKind.String:
                return ParseInt(value.GetValue<string>());
            default:
                return null;
        }
    }

    public static int? ParseInt(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && IsIntegral(number)
            ? (int)number
            : null;
    }

    /// <summary>A string field; numbers are taken as their JSON text; other kinds (objects, arrays, booleans) are null.</summary>
    public static string? AsText(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>True when the field is present with a non-null value.</summary>
    public static bool Has(JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var node) && node is not null;

    private static bool IsIntegral(double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && number is >= int.MinValue and <= int.MaxValue;
}
