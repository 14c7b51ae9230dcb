using System.Text.Json.Nodes;
using static Aoi.Web.Schema.SchemaJson;

namespace Aoi.Web.Schema;

/// <summary>GET /api/schema/result: the inspection results of spec section 6.</summary>
public static class ResultSchemaDocument
{
    public static JsonObject Build() => new()
    {
        ["version"] = SchemaVersions.Result,
        ["format"] = "object",
        ["updated"] = SchemaVersions.Updated,
        ["top_level_fields"] = new JsonObject
        {
            ["single"] = Array(
                Key("roi_results", "array", "Every enabled ROI once, sorted by roi_id"),
                Key("device_summaries", "object", "Keyed \"1\"..\"4\" ascending, one entry per device with results"),
                Key("overall_result", "object", "Counts over all ROI results"),
                Key("processing_time", "number", "Seconds from receipt of the request to the response")),
            ["grouped"] = Array(
                Key("session_id", "string", "Session of the inspection"),
                Key("product_name", "string", "Product of the session"),
                Key("overall_result", "object", "Counts over all ROI results, including failed and uncaptured groups"),
                Key("group_results", "object", "Keyed by submitted group key in submission order: {focus, exposure, overall_result, roi_results, processing_time[, warning]} or {focus, exposure, error}"),
                Key("roi_results", "array", "Every enabled ROI once, sorted by roi_id, each with its group"),
                Key("device_summaries", "object", "As for single inspection"),
                Key("processing_time", "number", "Seconds for this request"),
                Key("timestamp", "number", "Epoch seconds")),
        },
        ["roi_result_structure"] = new JsonObject
        {
            ["common_fields"] = Array(
                Key("roi_id", "int", "ROI idx"),
                Key("roi_type_name", "string", "barcode | compare | ocr | color | unknown"),
                Key("device_id", "int", "device_location of the ROI, also for failed ROIs"),
                Key("group", "string", "Grouped responses only: \"<focus>,<exposure>\""),
                Key("coordinates", "[x1,y1,x2,y2]", "As configured, also when clipped"),
                Key("passed", "bool", "Verdict"),
                Key("processing_time_ms", "number", "Wall time of this ROI"),
                Key("error", "string", "Only on a failed ROI with a reason (processing, configuration, not captured, pattern mismatch)"),
                Key("warning", "string", "Only when applicable (clipping, unreadable golden, output not written)"),
                Key("detail", "string", "Only for barcode pattern checks"),
                Key("roi_image_path", "string or null", "Client path of the raw crop roi_<idx>.jpg"),
                Key("golden_image_path", "string or null", "Client path of golden_<idx>.jpg (compare only)")),
            ["type_specific_fields"] = new JsonObject
            {
                ["barcode"] = Array(
                    Key("barcode_values", "array of strings", "Decoded values in reading order, trimmed, unique (neutral [])"),
                    Key("barcode_formats", "array of strings", "Symbology of each value, e.g. CODE_128, QR_CODE (neutral [])")),
                ["compare"] = Array(
                    Key("match_result", "string", "Match iff passed, else Different (neutral Different)"),
                    Key("ai_similarity", "number", "Similarity of the matching golden or the maximum seen (neutral 0.0)"),
                    Key("threshold", "number", "Effective threshold")),
                ["ocr"] = Array(
                    Key("ocr_text", "string", "Raw text + \" \" + [PASS: ...] or [FAIL: ...] tag (neutral \"\")"),
                    Key("ocr_raw_text", "string", "Recognised lines joined with spaces (neutral \"\")"),
                    Key("ocr_confidence", "number", "Mean line confidence 0..1 (neutral 0.0)")),
                ["color"] = Array(
                    Key("detected_color", "string", "#RRGGBB (box, passed), No Match, range name, Unknown or Error"),
                    Key("match_percentage", "number", "Matching share in percent, 2 decimals"),
                    Key("dominant_color", "[R,G,B]", "Mean colour of the denoised crop"),
                    Key("threshold", "number", "min_pixel_percentage (box) or the winning range threshold"),
                    Key("color_result", "object", "{matched, matched_color, color_hex, pixel_count, percentage}")),
            },
        },
        ["device_summary_structure"] = Array(
            Key("device_id", "int", "Device slot"),
            Key("total_rois", "int", "ROI results of the device"),
            Key("passed_rois", "int", "Passed ROI results"),
            Key("failed_rois", "int", "total_rois - passed_rois"),
            Key("device_passed", "bool", "total_rois > 0 and all passed"),
            Key("barcode", "string", "Device barcode after linking, N/A when none"),
            Key("barcode_raw", "string", "Chosen value before linking"),
            Key("barcode_source", "string", "roi:<idx>, manual, legacy or none"),
            Key("results", "array", "The device's ROI results sorted by roi_id"),
            Key("roi_results", "array", "Same list as results")),
        ["overall_result_structure"] = Array(
            Key("passed", "bool", "total_rois > 0 and passed_rois == total_rois"),
            Key("total_rois", "int", "All ROI results"),
            Key("passed_rois", "int", "Passed ROI results"),
            Key("failed_rois", "int", "total_rois - passed_rois")),
        ["barcode_priority_logic"] = Priorities(),
        ["example"] = JsonNode.Parse("""
            {"roi_results":[{"roi_id":1,"roi_type_name":"barcode","device_id":1,"coordinates":[2411,1536,2811,1900],"passed":true,
              "barcode_values":["2907912062542P1087"],"barcode_formats":["CODE_128"],"processing_time_ms":38.2,
              "roi_image_path":"/mnt/visual-aoi-shared/sessions/<id>/output/roi_1.jpg","golden_image_path":null}],
             "device_summaries":{"1":{"device_id":1,"total_rois":1,"passed_rois":1,"failed_rois":0,"device_passed":true,
              "barcode":"20004157-0003285-1022823-101","barcode_raw":"2907912062542P1087","barcode_source":"roi:1","results":[],"roi_results":[]}},
             "overall_result":{"passed":true,"total_rois":1,"passed_rois":1,"failed_rois":0},
             "processing_time":0.412}
            """),
        ["documentation"] = new JsonObject
        {
            ["never_simulated"] = "A ROI that could not be inspected is a failed ROI with an error; the server never reports a simulated pass",
            ["output_images"] = "roi_<idx>.jpg and golden_<idx>.jpg are overwritten by every inspection of the session; fetch them under /shared/ without the mount",
            ["guide"] = "/api/docs/guide",
        },
    };
}
