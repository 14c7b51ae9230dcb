using System.Text.Json.Nodes;
using static Aoi.Web.Schema.SchemaJson;

namespace Aoi.Web.Schema;

/// <summary>GET /api/schema/roi: the ROI model of spec section 2 (fields, defaults, array layouts, rules).</summary>
public static class RoiSchemaDocument
{
    public static JsonObject Build() => new()
    {
        ["version"] = SchemaVersions.Roi,
        ["format"] = "object",
        ["updated"] = SchemaVersions.Updated,
        ["description"] = "A product configuration rois_config_<p>.json is a JSON array of ROI objects (current format) or ROI arrays (old format), possibly mixed. Missing values take one default set for both formats; an explicit null means the default.",
        ["fields"] = Fields(),
        ["array_formats"] = ArrayFormats(),
        ["roi_types"] = new JsonObject
        {
            ["1"] = RoiType("barcode", ["idx", "type", "coords", "focus", "exposure", "device_location", "is_device_barcode", "expected_pattern", "enabled"],
                ["ai_threshold", "feature_method", "rotation", "expected_text", "expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges"]),
            ["2"] = RoiType("compare", ["idx", "type", "coords", "focus", "exposure", "device_location", "ai_threshold", "feature_method", "enabled"],
                ["rotation", "expected_text", "is_device_barcode", "expected_pattern", "expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges"]),
            ["3"] = RoiType("ocr", ["idx", "type", "coords", "focus", "exposure", "device_location", "rotation", "expected_text", "enabled"],
                ["ai_threshold", "feature_method", "is_device_barcode", "expected_pattern", "expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges"]),
            ["4"] = RoiType("color", ["idx", "type", "coords", "focus", "exposure", "device_location", "expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges", "enabled"],
                ["ai_threshold", "feature_method", "rotation", "expected_text", "is_device_barcode", "expected_pattern"]),
        },
        ["barcode_priority_logic"] = Priorities(),
        ["example"] = new JsonObject
        {
            ["barcode_roi"] = JsonNode.Parse("""{"idx":1,"type":1,"coords":[2411,1536,2811,1900],"focus":305,"exposure":3000,"ai_threshold":null,"feature_method":null,"rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":true,"expected_pattern":"^2\\d{7}-"}"""),
            ["compare_roi"] = JsonNode.Parse("""{"idx":2,"type":2,"coords":[5115,2919,5190,3144],"focus":305,"exposure":3000,"ai_threshold":0.9,"feature_method":"mobilenet","rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null}"""),
            ["ocr_roi"] = JsonNode.Parse("""{"idx":3,"type":3,"coords":[3654,3609,4401,4043],"focus":305,"exposure":3000,"ai_threshold":null,"feature_method":null,"rotation":270,"device_location":2,"expected_text":"v0.1.8","is_device_barcode":null}"""),
            ["color_roi_box"] = JsonNode.Parse("""{"idx":4,"type":4,"coords":[100,100,200,200],"focus":305,"exposure":3000,"ai_threshold":null,"feature_method":null,"rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null,"expected_color":[255,0,0],"color_tolerance":10,"min_pixel_percentage":5.0}"""),
            ["color_roi_ranges"] = JsonNode.Parse("""{"idx":5,"type":4,"coords":[300,100,400,200],"focus":305,"exposure":3000,"ai_threshold":null,"feature_method":null,"rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null,"color_ranges":[{"name":"red","lower":[0,100,100],"upper":[10,255,255],"color_space":"HSV","threshold":40.0},{"name":"red","lower":[170,100,100],"upper":[179,255,255],"color_space":"HSV","threshold":40.0}]}"""),
        },
        ["documentation"] = new JsonObject
        {
            ["validation"] = "Each violation gives one message 'ROI <i> (idx=<idx>): <message>'; saving any invalid ROI answers 422 and changes nothing on disk",
            ["saving"] = "Saved ROIs are normalised to canonical objects and written atomically; golden folders of removed idx are deleted after a successful save",
            ["capture_groups"] = "Enabled ROIs are grouped by (focus, exposure) in order of first appearance; the first group is the camera's home setting",
            ["regular_expressions"] = ".NET syntax, case-sensitive, match anywhere (anchor with ^...$), 100 ms timeout",
            ["guide"] = "/api/docs/guide",
        },
    };

    private static JsonArray Fields() => Array(
        Field("idx", "int", true, null, ">= 1, unique per product", "Identifier; names golden_rois/roi_<idx>/ and output roi_<idx>.jpg"),
        Field("type", "int", true, null, "1..4", "1 Barcode, 2 Compare, 3 OCR, 4 Color"),
        Field("coords", "[x1,y1,x2,y2] ints", true, null, "0 <= x1 < x2, 0 <= y1 < y2; x2, y2 exclusive", "Rectangle in full-image pixels"),
        Field("focus", "int", false, 305, ">= 0", "Camera focus of the capture group"),
        Field("exposure", "int", false, 3000, "> 0", "Exposure in microseconds of the capture group"),
        Field("ai_threshold", "number or null", false, 0.9, "0..1; null = default compare threshold 0.9", "Compare pass threshold (type 2; null for other types)"),
        Field("feature_method", "string or null", false, "mobilenet", "deep-model name (mobilenet, resnet18) or OpenCV method (sift, opencv, orb, null)", "Compare feature method (type 2; null for other types); explicit null selects OpenCV descriptors"),
        Field("rotation", "int", false, 0, "0, 90, 180, 270", "Degrees counter-clockwise applied before OCR"),
        Field("device_location", "int", false, 1, "1..4; device_id accepted as fallback and must agree", "Device slot of the ROI"),
        Field("expected_text", "string or null", false, null, "alias on input: sample_text", "OCR: case-insensitive substring to find"),
        Field("is_device_barcode", "bool or null", false, null, "barcode ROIs only", "Preferred source of the device barcode"),
        Field("expected_pattern", "string or null", false, null, "valid .NET regular expression; blank = not set", "Barcode value pattern"),
        Field("expected_color", "[R,G,B] or \"#RRGGBB\"", false, null, "channels 0..255; stored as [R,G,B]", "Color box mode: colour to find"),
        Field("color_tolerance", "int", false, 10, "0..255", "Color box mode: +/- per channel"),
        Field("min_pixel_percentage", "number", false, 5.0, "0..100", "Color box mode: share of in-box pixels needed to pass"),
        Field("color_ranges", "array of ranges", false, null, "{name, lower:[3], upper:[3], color_space RGB|HSV (default RGB), threshold 0..100 (default 50.0)}; HSV in OpenCV 8-bit scale", "Color ranges mode"),
        Field("enabled", "bool", false, true, "false = ROI skipped everywhere", "Whether the ROI is inspected, grouped and counted"),
        Field("notes", "any", false, null, "preserved verbatim", "Free text; other unknown keys are preserved too"));

    private static JsonArray ArrayFormats()
    {
        var layouts = new (int Length, string Positions)[]
        {
            (3, "idx, type, coords"),
            (4, "idx, type, coords, focus"),
            (5, "idx, type, coords, focus, ai_threshold (old layout: position 4 is the threshold, not exposure)"),
            (6, "idx, type, coords, focus, exposure, ai_threshold"),
            (7, "... + feature_method"),
            (8, "... + rotation"),
            (9, "... + device_location"),
            (10, "... + expected_text"),
            (11, "... + is_device_barcode"),
            (12, "... + colour object ({expected_color, color_tolerance, min_pixel_percentage} or {color_ranges})"),
        };
        return new JsonArray(layouts.Select(l => (JsonNode?)new JsonObject { ["length"] = l.Length, ["positions"] = l.Positions }).ToArray());
    }

    private static JsonObject RoiType(string name, string[] relevant, string[] ignored) => new()
    {
        ["name"] = name,
        ["relevant_fields"] = Strings(relevant),
        ["ignored_fields"] = Strings(ignored),
    };
}
