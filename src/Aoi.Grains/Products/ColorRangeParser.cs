using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>One parsed colour range: the typed range (null when invalid), its canonical JSON and its messages.</summary>
public sealed record ParsedColorRange(ColorRange? Range, JsonObject Canonical, IReadOnlyList<string> Messages);

/// <summary>
/// Validates and normalises colour range entries (spec 2.1, 2.4) for ROI ranges and the product colour file.
/// Messages carry no ROI prefix; the ROI parser adds it.
/// </summary>
public static class ColorRangeParser
{
    public const double DefaultThreshold = 50.0;

    private static readonly string[] KnownKeys = ["name", "lower", "upper", "color_space", "threshold"];

    /// <summary>Parse every entry of a ranges array; k in messages is the 0-based position.</summary>
    public static IReadOnlyList<ParsedColorRange> ParseAll(JsonArray ranges) =>
        ranges.Select((node, k) => Parse(node, k)).ToList();

    public static ParsedColorRange Parse(JsonNode? node, int k)
    {
        if (node is not JsonObject entry)
        {
            return new(null, new JsonObject(), [$"Color range {k} must be an object"]);
        }

        var messages = new List<string>();
        foreach (var field in new[] { "name", "lower", "upper" })
        {
            if (entry[field] is null)
            {
                messages.Add($"Color range {k} missing field: {field}");
            }
        }

        var space = ReadSpace(entry["color_space"]);
        if (space is null)
        {
            messages.Add($"Invalid color_space for range {k}. Must be RGB or HSV");
        }

        var lower = ReadTriple(entry, "lower", k, messages);
        var upper = ReadTriple(entry, "upper", k, messages);
        if (space is not null && lower is not null && upper is not null)
        {
            if (!WithinBounds(lower, space) || !WithinBounds(upper, space))
            {
                messages.Add($"Color range {k} bounds out of range for {space}");
            }

            if (lower.Zip(upper).Any(p => p.First > p.Second))
            {
                messages.Add($"Color range {k} lower must not exceed upper");
            }
        }

        var threshold = LenientJson.ReadNumber(entry["threshold"]);
        if (threshold.State == FieldState.Invalid || (threshold.IsOk && threshold.Value is < 0 or > 100))
        {
            messages.Add($"Color range {k} threshold must be between 0 and 100");
        }

        var name = LenientJson.ReadText(entry["name"]);
        var canonical = new JsonObject
        {
            ["name"] = name,
            ["lower"] = lower is null ? entry["lower"]?.DeepClone() : NumbersNode(entry["lower"]!.AsArray(), lower),
            ["upper"] = upper is null ? entry["upper"]?.DeepClone() : NumbersNode(entry["upper"]!.AsArray(), upper),
            ["color_space"] = space ?? LenientJson.ReadText(entry["color_space"]),
            ["threshold"] = threshold.IsOk ? NumberNode(entry["threshold"]!, threshold.Value) : LenientJson.Real(DefaultThreshold),
        };
        foreach (var (key, value) in entry)
        {
            if (!KnownKeys.Contains(key))
            {
                canonical[key] = value?.DeepClone();
            }
        }

        var range = messages.Count == 0
            ? new ColorRange(name!, lower!, upper!, space!, threshold.Or(DefaultThreshold))
            : null;
        return new(range, canonical, messages);
    }

    /// <summary>"RGB" when absent; the upper-cased name when RGB/HSV in any case; null when invalid.</summary>
    private static string? ReadSpace(JsonNode? node)
    {
        if (node is null)
        {
            return "RGB";
        }

        var text = LenientJson.KindOf(node) == JsonValueKind.String ? node.GetValue<string>().Trim().ToUpperInvariant() : null;
        return text is "RGB" or "HSV" ? text : null;
    }

    private static double[]? ReadTriple(JsonObject entry, string field, int k, List<string> messages)
    {
        var node = entry[field];
        if (node is null)
        {
            return null; // already reported as missing
        }

        if (node is JsonArray array && array.Count == 3)
        {
            var values = array.Select(LenientJson.ReadNumber).ToArray();
            if (values.All(v => v.IsOk))
            {
                return values.Select(v => v.Value).ToArray();
            }
        }

        messages.Add($"Color range {k} {field} must be array of 3 numbers");
        return null;
    }

    private static bool WithinBounds(double[] values, string space) => space == "HSV"
        ? values[0] is >= 0 and <= 179 && values[1] is >= 0 and <= 255 && values[2] is >= 0 and <= 255
        : values.All(v => v is >= 0 and <= 255);

    private static JsonArray NumbersNode(JsonArray original, double[] values) =>
        new(original.Zip(values).Select(p => NumberNode(p.First!, p.Second)).ToArray());

    /// <summary>Keep a JSON number as written; a numeric string becomes a number.</summary>
    private static JsonNode NumberNode(JsonNode original, double value) =>
        LenientJson.KindOf(original) == JsonValueKind.Number
            ? original.DeepClone()
            : Math.Floor(value) == value && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
}
