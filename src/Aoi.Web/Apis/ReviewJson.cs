using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Web.Legacy;

namespace Aoi.Web.Apis;

/// <summary>JSON of the review endpoints and of reviews inside the history and the product evaluation (snake_case).</summary>
public static class ReviewJson
{
    public static JsonObject Queue(ReviewQueuePage page) => new()
    {
        ["items"] = Array(page.Items.Select(Item)),
        ["total"] = page.Total,
        ["page"] = page.Page,
        ["page_size"] = page.PageSize,
    };

    /// <summary>One queue item: where and what, the kept pictures, and the type's measure and read value.</summary>
    public static JsonObject Item(ReviewQueueItem item)
    {
        var json = new JsonObject
        {
            ["inspection_id"] = item.InspectionId,
            ["roi_id"] = item.RoiId,
            ["product"] = item.Product,
            ["barcode"] = item.Barcode,
            ["device_id"] = item.DeviceId,
            ["roi_type_name"] = item.RoiType,
            ["inspected_at"] = WireTime.Iso(item.InspectedAt),
            ["station"] = item.Station,
            ["crop_url"] = HistoryJson.ImageUrl(item.ImageFolder, item.ImageFile),
            ["golden_url"] = HistoryJson.ImageUrl(item.ImageFolder, item.GoldenFile),
            ["inspection_url"] = $"/api/inspections/{item.InspectionId}",
            ["frame_url"] = item.ImageFolder is null ? null : $"/api/review/{item.InspectionId}/frame",
            ["score"] = item.Score,
            ["threshold"] = item.Threshold,
            ["decoded"] = item.Decoded,
            ["error"] = item.Error,
        };
        switch (item.RoiType)
        {
            case "compare":
                json["ai_similarity"] = item.Score;
                json["match_result"] = item.Decoded;
                break;
            case "barcode":
                json["barcode_values"] = Array((item.Decoded?.Split('|') ?? []).Select(v => (JsonNode?)v));
                break;
            case "ocr":
                json["ocr_text"] = item.Decoded;
                json["ocr_confidence"] = item.Score;
                break;
            case "color":
                json["detected_color"] = item.Decoded;
                json["match_percentage"] = item.Score;
                break;
        }

        AddDetail(json, item.Detail);
        return json;
    }

    /// <summary>Coordinates and, when the compare engine reported them, defect and checks (absent = unknown).</summary>
    public static void AddDetail(JsonObject json, string? detail)
    {
        if (RoiDetail.Parse(detail) is not { } stored)
        {
            return;
        }

        foreach (var key in new[] { RoiDetail.Coordinates, RoiDetail.Defect, RoiDetail.Checks })
        {
            if (stored[key] is { } value)
            {
                json[key] = value.DeepClone();
            }
        }
    }

    public static JsonObject Verdict(ReviewRecord review, ReviewRecord? replaced)
    {
        var json = Review(review);
        json["replaced"] = replaced is null ? null : Review(replaced);
        return json;
    }

    /// <summary>409 of a refused learning: the reason names the confirmed defect's inspection; nothing was stored.</summary>
    public static JsonObject Refused(ReviewRequest request, ReviewOutcome outcome) => new()
    {
        ["error"] = outcome.Error,
        ["reason"] = outcome.Error,
        ["review_id"] = null,
        ["verdict"] = request.Verdict,
        ["learned"] = false,
        ["golden_file"] = null,
        ["regression_sample"] = outcome.Escape?.InspectionId,
        ["similarity"] = outcome.Escape?.Similarity,
        ["threshold"] = outcome.Escape?.Threshold,
    };

    public static JsonObject Review(ReviewRecord r) => new()
    {
        ["review_id"] = r.ReviewId,
        ["verdict"] = r.Verdict,
        ["learned"] = r.Learned,
        ["golden_file"] = r.GoldenFile,
        ["reason"] = r.Reason,
        ["inspection_id"] = r.InspectionId,
        ["roi_id"] = r.RoiId,
        ["product"] = r.Product,
        ["defect_kind"] = r.DefectKind,
        ["note"] = r.Note,
        ["reviewer"] = r.Reviewer,
        ["reviewer_role"] = r.ReviewerRole,
        ["reviewed_at"] = WireTime.Iso(r.ReviewedAt),
        ["in_force"] = r.InForce,
        ["replaced_by"] = r.ReplacedBy,
    };

    public static JsonObject Stats(ReviewStats stats, DateTimeOffset? from, DateTimeOffset? to) => new()
    {
        ["from"] = from is { } f ? WireTime.Iso(f) : null,
        ["to"] = to is { } t ? WireTime.Iso(t) : null,
        ["products"] = Array(stats.Products.Select(p =>
        {
            var json = new JsonObject
            {
                ["product"] = p.Product,
                ["inspections"] = p.Inspections,
                ["passed"] = p.Passed,
                ["passed_after_review"] = p.PassedAfterReview,
                ["first_pass_yield"] = p.FirstPassYield,
                ["yield_after_review"] = p.YieldAfterReview,
            };
            Counts(json, p.Rois, "rois_");
            return json;
        })),
        ["rois"] = Array(stats.Rois.Select(r =>
        {
            var json = new JsonObject { ["product"] = r.Product, ["roi_id"] = r.RoiId, ["roi_type_name"] = r.RoiType };
            Counts(json, r.Counts, "");
            json["first_pass_yield"] = r.Counts.FirstPassYield;
            json["yield_after_review"] = r.Counts.YieldAfterReview;
            return json;
        })),
    };

    /// <summary>The product evaluation's "confirmed" part: what people confirmed, judged against the current libraries.</summary>
    public static JsonObject Confirmed(ConfirmedSamplesReport report) => new()
    {
        ["confirmed_defects"] = report.Rois.Sum(r => r.Defects.Length),
        ["confirmed_defect_escapes"] = report.DefectEscapes,
        ["confirmed_false_calls"] = report.Rois.Sum(r => r.FalseCalls.Length),
        ["confirmed_false_calls_still_failing"] = report.FalseCallsStillFailing,
        ["rois"] = Array(report.Rois.Select(r => new JsonObject
        {
            ["roi_id"] = r.RoiId,
            ["threshold"] = r.Threshold,
            ["confirmed_defects"] = Array(r.Defects.Select(Sample)),
            ["confirmed_false_calls"] = Array(r.FalseCalls.Select(Sample)),
        })),
    };

    private static JsonObject Sample(ConfirmedSampleVerdict s) => new()
    {
        ["inspection_id"] = s.InspectionId, ["similarity"] = s.Similarity, ["passes_now"] = s.Passed, ["error"] = s.Error,
    };

    private static void Counts(JsonObject json, RoiReviewCounts c, string prefix)
    {
        json[prefix + "inspected"] = c.Inspected;
        json[prefix + "failed"] = c.Failed;
        json[prefix + "reviewed"] = c.Reviewed;
        json["confirmed_defects"] = c.ConfirmedDefects;
        json["false_calls"] = c.FalseCalls;
        json["false_call_ppm"] = Math.Round(c.FalseCallPpm, 1);
    }

    private static JsonArray Array(IEnumerable<JsonNode?> nodes) => new(nodes.ToArray());
}
