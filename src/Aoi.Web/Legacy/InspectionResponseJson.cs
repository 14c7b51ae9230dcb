using System.Text.Json.Nodes;

namespace Aoi.Web.Legacy;

/// <summary>The single-image (spec 6.4) and grouped (spec 6.5) response bodies, with summaries of 6.2 and 6.3.</summary>
public static class InspectionResponseJson
{
    public static JsonObject Single(InspectionResponse response, double defaultCompareThreshold)
    {
        var results = Sorted(response.RoiResults);
        return new JsonObject
        {
            ["roi_results"] = RoiList(results, grouped: false, defaultCompareThreshold),
            ["device_summaries"] = DeviceSummaries(response.Devices, results, grouped: false, defaultCompareThreshold),
            ["overall_result"] = Overall(response.Overall),
            ["processing_time"] = response.ProcessingTime,
        };
    }

    public static JsonObject Grouped(InspectionResponse response, double defaultCompareThreshold)
    {
        var results = Sorted(response.RoiResults);
        return new JsonObject
        {
            ["session_id"] = response.SessionId,
            ["product_name"] = response.ProductName,
            ["overall_result"] = Overall(response.Overall),
            ["group_results"] = GroupResults(response.Groups ?? [], results, defaultCompareThreshold),
            ["roi_results"] = RoiList(results, grouped: true, defaultCompareThreshold),
            ["device_summaries"] = DeviceSummaries(response.Devices, results, grouped: true, defaultCompareThreshold),
            ["processing_time"] = response.ProcessingTime,
            ["timestamp"] = response.Timestamp,
        };
    }

    public static JsonObject Overall(OverallResult o) => new()
    {
        ["passed"] = o.Passed,
        ["total_rois"] = o.TotalRois,
        ["passed_rois"] = o.PassedRois,
        ["failed_rois"] = o.FailedRois,
    };

    /// <summary>Keyed "1".."4" ascending; <c>results</c> and <c>roi_results</c> are the same sorted list (6.2).</summary>
    private static JsonObject DeviceSummaries(IEnumerable<DeviceSummary> devices, IReadOnlyList<RoiResult> results,
        bool grouped, double threshold)
    {
        var json = new JsonObject();
        foreach (var d in devices.OrderBy(d => d.DeviceId))
        {
            var own = results.Where(r => r.DeviceId == d.DeviceId).ToList();
            json[d.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["device_id"] = d.DeviceId,
                ["total_rois"] = d.Counts.TotalRois,
                ["passed_rois"] = d.Counts.PassedRois,
                ["failed_rois"] = d.Counts.FailedRois,
                ["device_passed"] = d.Counts.TotalRois > 0 && d.Counts.PassedRois == d.Counts.TotalRois,
                ["barcode"] = d.Barcode,
                ["barcode_raw"] = d.BarcodeRaw,
                ["barcode_source"] = d.BarcodeSource,
                ["results"] = RoiList(own, grouped, threshold),
                ["roi_results"] = RoiList(own, grouped, threshold),
            };
        }

        return json;
    }

    /// <summary>Ordered as submitted; a bad group is only {focus, exposure, error}.</summary>
    private static JsonObject GroupResults(IEnumerable<GroupResult> groups, IReadOnlyList<RoiResult> results, double threshold)
    {
        var json = new JsonObject();
        foreach (var g in groups)
        {
            var entry = new JsonObject { ["focus"] = g.Focus, ["exposure"] = g.Exposure };
            if (g.Error is not null)
            {
                entry["error"] = g.Error;
            }
            else
            {
                var own = results.Where(r => r.Group == g.Key).ToList();
                entry["overall_result"] = Overall(g.Overall ?? OverallResult.Of(own));
                entry["roi_results"] = RoiList(own, grouped: true, threshold);
                entry["processing_time"] = g.ProcessingTime;
                if (g.Warning is not null)
                {
                    entry["warning"] = g.Warning;
                }
            }

            // Keys of a JSON object are distinct; a client could only repeat one by sending invalid JSON.
            json[g.Key] = entry;
        }

        return json;
    }

    private static List<RoiResult> Sorted(IEnumerable<RoiResult> results) => results.OrderBy(r => r.RoiId).ToList();

    private static JsonArray RoiList(IEnumerable<RoiResult> results, bool grouped, double threshold) =>
        new(results.Select(r => (JsonNode?)RoiResultJson.ToJson(r, grouped, threshold)).ToArray());
}
