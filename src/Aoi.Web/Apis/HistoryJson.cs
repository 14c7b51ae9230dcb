using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Web.Legacy;

namespace Aoi.Web.Apis;

/// <summary>JSON of the history, yield and SPC endpoints (snake_case, like the rest of the contract).</summary>
public static class HistoryJson
{
    public const string ImageRoute = "/history-images";

    public static JsonObject Page(InspectionPage page) => new()
    {
        ["items"] = Array(page.Items.Select(Summary)),
        ["total"] = page.Total,
        ["page"] = page.Page,
        ["page_size"] = page.PageSize,
    };

    public static JsonObject Summary(InspectionRecord r) => new()
    {
        ["id"] = r.Id,
        ["time"] = WireTime.Iso(r.RecordedAt),
        ["product"] = r.Product,
        ["session_id"] = r.SessionId,
        ["station"] = r.Station,
        ["verdict"] = r.Passed ? "pass" : "fail",
        ["passed"] = r.Passed,
        ["grouped"] = r.Grouped,
        ["total_rois"] = r.TotalRois,
        ["passed_rois"] = r.PassedRois,
        ["failed_rois"] = r.FailedRois,
        ["processing_time_ms"] = r.ProcessingMs,
        ["devices"] = Array(r.Devices.Select(d => new JsonObject
        {
            ["device_id"] = d.DeviceId,
            ["barcode"] = d.Barcode,
            ["barcode_raw"] = d.BarcodeRaw,
            ["barcode_source"] = d.BarcodeSource,
            ["device_passed"] = d.Passed,
        })),
        ["images_kept"] = r.ImageFolder is not null,
        ["url"] = $"/api/inspections/{r.Id}",
    };

    /// <param name="reviews">Every verdict on the inspection's ROIs (oldest first): each ROI shows the one in force and all of them.</param>
    public static JsonObject Detail(InspectionRecord r, IReadOnlyList<string> frames, IReadOnlyList<ReviewRecord> reviews)
    {
        var body = Summary(r);
        body["client_info"] = ClientInfo(r.ClientInfoJson);
        body["images_expire_at"] = r.ImagesExpireAt is { } expires ? WireTime.Iso(expires) : null;
        body["frame_urls"] = Array(frames.Select(f => (JsonNode?)ImageUrl(r.ImageFolder, f)));
        body["roi_results"] = Array(r.Rois.Select(roi => RoiJson(r, roi, reviews.Where(v => v.RoiId == roi.RoiId).ToList())));
        return body;
    }

    private static JsonObject RoiJson(InspectionRecord r, RoiRecord roi, IReadOnlyList<ReviewRecord> reviews)
    {
        var json = new JsonObject
        {
            ["roi_id"] = roi.RoiId,
            ["roi_type_name"] = roi.RoiType,
            ["device_id"] = roi.DeviceId,
            ["passed"] = roi.Passed,
            ["score"] = roi.Score,
            ["threshold"] = roi.Threshold,
            ["decoded"] = roi.Decoded,
            ["error"] = roi.Error,
            ["processing_time_ms"] = roi.ProcessingMs,
            ["group"] = roi.Group,
            ["image_url"] = ImageUrl(r.ImageFolder, roi.ImageFile),
            ["golden_url"] = ImageUrl(r.ImageFolder, roi.GoldenFile),
        };
        ReviewJson.AddDetail(json, roi.Detail);
        json["review"] = reviews.FirstOrDefault(v => v.InForce) is { } current ? ReviewJson.Review(current) : null;
        json["reviews"] = Array(reviews.Select(v => (JsonNode?)ReviewJson.Review(v)));
        return json;
    }

    public static JsonObject Yield(YieldReport report, DateTimeOffset? from, DateTimeOffset? to) => new()
    {
        ["from"] = from is { } f ? WireTime.Iso(f) : null,
        ["to"] = to is { } t ? WireTime.Iso(t) : null,
        ["products"] = Array(report.Products.Select(p => new JsonObject
        {
            ["product"] = p.Product, ["inspections"] = p.Inspections, ["passed"] = p.Passed, ["pass_rate"] = p.PassRate,
        })),
        ["days"] = Array(report.Days.Select(d => new JsonObject
        {
            ["product"] = d.Product, ["day"] = d.Day, ["inspections"] = d.Inspections, ["passed"] = d.Passed, ["pass_rate"] = d.PassRate,
        })),
        ["rois"] = Array(report.Rois.Select(Roi)),
        ["top_failing"] = Array(report.TopFailing.Select(Roi)),
    };

    public static JsonObject Spc(string product, int roiId, SpcAnalysis a) => new()
    {
        ["product"] = product,
        ["roi_id"] = roiId,
        ["reference_points"] = a.ReferencePoints,
        ["mean"] = a.Mean,
        ["sigma"] = a.Sigma,
        ["ucl"] = a.UpperLimit,
        ["lcl"] = a.LowerLimit,
        ["threshold"] = a.Threshold,
        ["drift"] = a.Drift,
        ["first_drift_at"] = a.FirstDriftAt is { } drift ? WireTime.Iso(drift) : null,
        ["first_fail_at"] = a.FirstFailAt is { } fail ? WireTime.Iso(fail) : null,
        ["points"] = Array(a.Points.Select(p => new JsonObject
        {
            ["time"] = WireTime.Iso(p.At),
            ["inspection_id"] = p.InspectionId,
            ["value"] = p.Value,
            ["passed"] = p.Passed,
            ["outside_limits"] = p.OutsideLimits,
            ["run"] = p.InRun,
            ["flagged"] = p.Flagged,
        })),
    };

    public static string? ImageUrl(string? folder, string? file) =>
        folder is null || file is null ? null : $"{ImageRoute}/{string.Join('/', folder.Split('/').Select(Uri.EscapeDataString))}/{Uri.EscapeDataString(file)}";

    private static JsonObject Roi(RoiYield r) => new()
    {
        ["product"] = r.Product, ["roi_id"] = r.RoiId, ["roi_type_name"] = r.RoiType, ["total"] = r.Total,
        ["failed"] = r.Failed, ["pass_rate"] = r.PassRate, ["failure_share"] = r.FailureShare,
    };

    private static JsonNode? ClientInfo(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static JsonArray Array(IEnumerable<JsonNode?> nodes) => new(nodes.ToArray());
}
