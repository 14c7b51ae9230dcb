using System.Text.Json.Nodes;

namespace Aoi.Grains.Products;

/// <summary>The starter configuration written by "create product" (spec 7.2): barcode, compare, OCR per device.</summary>
public static class ProductTemplate
{
    public const int MinDevices = 1, MaxDevices = 4;

    public static JsonArray Build(int numDevices)
    {
        var rois = new JsonArray();
        var idx = 1;
        for (var d = 1; d <= numDevices; d++)
        {
            var x1 = 100 * d;
            rois.Add(Roi(idx++, 1, [x1, 50, x1 + 100, 100], d, 0.8, "opencv", null, true));
            rois.Add(Roi(idx++, 2, [x1, 150, x1 + 100, 250], d, 0.93, "mobilenet", null, false));
            rois.Add(Roi(idx++, 3, [x1, 300, x1 + 100, 350], d, 0.8, "ocr", "SAMPLE", false));
        }

        return rois;
    }

    private static JsonObject Roi(
        int idx, int type, int[] coords, int device, double threshold, string method, string? text, bool deviceBarcode) =>
        new()
        {
            ["idx"] = idx,
            ["type"] = type,
            ["coords"] = new JsonArray(coords.Select(c => (JsonNode)c).ToArray()),
            ["focus"] = 305,
            ["exposure"] = 1200,
            ["ai_threshold"] = threshold,
            ["feature_method"] = method,
            ["rotation"] = 0,
            ["device_location"] = device,
            ["expected_text"] = text,
            ["is_device_barcode"] = deviceBarcode,
        };
}
