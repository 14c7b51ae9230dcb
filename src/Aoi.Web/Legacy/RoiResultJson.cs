using System.Text.Json.Nodes;

namespace Aoi.Web.Legacy;

/// <summary>
/// One ROI result as the legacy clients read it (spec 6.1): common keys always, the type keys of its type always
/// (neutral values when the ROI failed before producing them), error/warning/detail only when set, <c>group</c> only
/// in grouped responses. Key order follows the spec examples.
/// </summary>
public static class RoiResultJson
{
    /// <param name="defaultCompareThreshold">Effective threshold reported for a compare ROI that failed before comparing.</param>
    public static JsonObject ToJson(RoiResult r, bool grouped, double defaultCompareThreshold)
    {
        var json = new JsonObject
        {
            ["roi_id"] = r.RoiId,
            ["roi_type_name"] = r.RoiTypeName,
            ["device_id"] = r.DeviceId,
        };
        if (grouped)
        {
            json["group"] = r.Group;
        }

        json["coordinates"] = Ints(r.Coordinates.ToArray());
        json["passed"] = r.Passed;
        AddTypeKeys(json, r, defaultCompareThreshold);
        json["processing_time_ms"] = r.ProcessingTimeMs;
        AddIfSet(json, "error", r.Error);
        AddIfSet(json, "warning", r.Warning);
        AddIfSet(json, "detail", r.Detail);
        json["roi_image_path"] = r.RoiImagePath;
        json["golden_image_path"] = r.GoldenImagePath;
        return json;
    }

    private static void AddTypeKeys(JsonObject json, RoiResult r, double defaultCompareThreshold)
    {
        switch (r.RoiTypeName)
        {
            case "barcode":
                json["barcode_values"] = Strings(r.Barcode?.Values ?? []);
                json["barcode_formats"] = Strings(r.Barcode?.Formats ?? []);
                break;
            case "compare":
                json["match_result"] = r.Compare?.MatchResult ?? "Different";
                json["ai_similarity"] = r.Compare?.AiSimilarity ?? 0.0;
                json["threshold"] = r.Compare?.Threshold ?? defaultCompareThreshold;
                AddCompareChecks(json, r);
                break;
            case "ocr":
                json["ocr_text"] = r.Ocr?.Text ?? "";
                json["ocr_raw_text"] = r.Ocr?.RawText ?? "";
                json["ocr_confidence"] = r.Ocr?.Confidence ?? 0.0;
                break;
            case "color":
                AddColourKeys(json, r.Color, r.ColorThreshold);
                break;
        }
    }

    /// <summary>The compare engine's named checks (issue 11): <c>checks</c> whenever they ran, <c>defect</c> on a failed ROI.</summary>
    private static void AddCompareChecks(JsonObject json, RoiResult r)
    {
        if (r.Compare is not { } compare)
        {
            return;
        }

        if (!r.Passed && compare.Defect is { } defect)
        {
            json["defect"] = defect;
        }

        if (compare.Checks is { Length: > 0 } checks)
        {
            var all = new JsonObject();
            foreach (var check in checks)
            {
                all[check.Name] = new JsonObject { ["value"] = check.Value, ["limit"] = check.Limit, ["passed"] = check.Passed };
            }

            json["checks"] = all;
        }
    }

    private static void AddColourKeys(JsonObject json, ColorOutcome? c, double? threshold)
    {
        var percentage = c?.MatchPercentage ?? 0.0;
        json["detected_color"] = c?.DetectedColor ?? "Error";
        json["match_percentage"] = percentage;
        json["dominant_color"] = Ints(c?.DominantColor ?? [0, 0, 0]);
        json["threshold"] = c?.Threshold ?? threshold ?? 50.0;
        json["color_result"] = new JsonObject
        {
            ["matched"] = c?.Matched ?? false,
            ["matched_color"] = c?.MatchedColor,
            ["color_hex"] = c?.ColorHex ?? "#000000",
            ["pixel_count"] = c?.PixelCount ?? 0L,
            ["percentage"] = percentage,
        };
    }

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }

    internal static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
