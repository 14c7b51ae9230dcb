using System.Text.Json.Nodes;

namespace Aoi.Web.Schema;

/// <summary>Small builders that keep the schema documents readable.</summary>
internal static class SchemaJson
{
    public static JsonArray Array(params JsonNode?[] items) => new(items);

    public static JsonArray Strings(params string[] items) => new(items.Select(i => (JsonNode?)i).ToArray());

    public static JsonObject Field(string name, string type, bool required, JsonNode? defaultValue, string constraints, string description) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["required"] = required,
        ["default"] = defaultValue,
        ["constraints"] = constraints,
        ["description"] = description,
    };

    public static JsonObject Key(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["description"] = description,
    };

    public static JsonObject Priorities() => new()
    {
        ["description"] = "For each device in device_summaries the first rule that yields a value wins; identical in both inspection endpoints",
        ["priorities"] = Array(
            Priority("P0", "Barcode ROIs of the device with is_device_barcode true, ascending roi_id: first candidate value", "roi:<idx>"),
            Priority("P1", "Any barcode ROI of the device, ascending roi_id: first candidate value", "roi:<idx>"),
            Priority("P2", "Manual device_barcodes entry for the device, trimmed, non-blank", "manual"),
            Priority("P3", "Legacy device_barcode string, trimmed, non-blank (every device still without a value)", "legacy"),
            Priority("P4", "No value: \"N/A\"", "none")),
        ["linking"] = "The chosen value is sent once per device to the linking service when enabled; barcode = linked value, barcode_raw = chosen value; ROI barcode_values stay raw",
    };

    private static JsonObject Priority(string level, string source, string barcodeSource) => new()
    {
        ["priority"] = level,
        ["source"] = source,
        ["barcode_source"] = barcodeSource,
    };
}
