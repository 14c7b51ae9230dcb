using System.Text.Json.Nodes;
using Aoi.Web.Legacy;

namespace Aoi.Tests.Http;

/// <summary>Wire mapping of spec 6.1–6.5 with hand-built result records.</summary>
public sealed class LegacyMappingTests
{
    private const string Out = "/mnt/visual-aoi-shared/sessions/s/output/";

    private static RoiDefinition Roi(int idx, int type, int device = 1, int focus = 305, int exposure = 3000) =>
        new(idx, type, new RoiRect(10 * idx, 20, 10 * idx + 5, 40), focus, exposure, type == 2 ? 0.9 : null,
            type == 2 ? "mobilenet" : null, 0, device, null, null, null, null, 10, 5.0, null, true, null);

    private static RoiResult Barcode(int idx, int device, string value) =>
        new(idx, 1, "barcode", device, new RoiRect(1, 2, 3, 4), true, 38.2, Out + $"roi_{idx}.jpg", null, null, null, null,
            null, new BarcodeOutcome([value], ["CODE_128"], value), null, null, null, null);

    private static RoiResult Compare(int idx, int device, string? group = null) =>
        new(idx, 2, "compare", device, new RoiRect(5115, 2919, 5190, 3144), true, 21.5, Out + $"roi_{idx}.jpg",
            Out + $"golden_{idx}.jpg", null, null, null, group, null, new CompareOutcome("Match", 0.9731, 0.9), null, null, null);

    [Fact]
    public void BarcodeResultHasExactKeysInOrder()
    {
        var json = RoiResultJson.ToJson(Barcode(1, 1, "2907912062542P1087"), grouped: false, 0.9);

        Assert.Equal(["roi_id", "roi_type_name", "device_id", "coordinates", "passed", "barcode_values", "barcode_formats",
            "processing_time_ms", "roi_image_path", "golden_image_path"], HttpAssert.Keys(json));
        Assert.Equal("[1,2,3,4]", json["coordinates"]!.ToJsonString());
        Assert.Equal("""["2907912062542P1087"]""", json["barcode_values"]!.ToJsonString());
        Assert.Null(json["golden_image_path"]);
    }

    [Fact]
    public void FailedRoisCarryNeutralTypeKeysAndError()
    {
        var compare = RoiResult.Failed(Roi(12, 2), "not captured", "230,700");
        var json = RoiResultJson.ToJson(compare, grouped: true, 0.9);
        Assert.Equal(["roi_id", "roi_type_name", "device_id", "group", "coordinates", "passed", "match_result", "ai_similarity",
            "threshold", "processing_time_ms", "error", "roi_image_path", "golden_image_path"], HttpAssert.Keys(json));
        Assert.Equal("Different", (string?)json["match_result"]);
        Assert.Equal(0.0, (double)json["ai_similarity"]!);
        Assert.Equal(0.9, (double)json["threshold"]!);
        Assert.Equal("230,700", (string?)json["group"]);

        var ocr = RoiResultJson.ToJson(RoiResult.Failed(Roi(3, 3), "OCR failed: x"), grouped: false, 0.9);
        Assert.Equal(("", "", 0.0), ((string?)ocr["ocr_text"], (string?)ocr["ocr_raw_text"], (double)ocr["ocr_confidence"]!));

        var barcode = RoiResultJson.ToJson(RoiResult.Failed(Roi(4, 1), "x"), grouped: false, 0.9);
        Assert.Equal("[]", barcode["barcode_values"]!.ToJsonString());
        Assert.Equal("[]", barcode["barcode_formats"]!.ToJsonString());

        var color = RoiResultJson.ToJson(RoiResult.Failed(Roi(5, 4), "no colour configuration"), grouped: false, 0.9);
        Assert.Equal("Error", (string?)color["detected_color"]);
        Assert.Equal("[0,0,0]", color["dominant_color"]!.ToJsonString());
        Assert.Equal(50.0, (double)color["threshold"]!);
        Assert.Equal("""{"matched":false,"matched_color":null,"color_hex":"#000000","pixel_count":0,"percentage":0}""",
            color["color_result"]!.ToJsonString());
    }

    [Fact]
    public void ColourResultMapsAllKeys()
    {
        var result = new RoiResult(21, 4, "color", 2, new RoiRect(0, 0, 10, 10), true, 5, null, null, null, "w", null, null,
            null, null, null, new ColorOutcome("#FF0000", 100.0, [250, 10, 10], 5.0, true, "#FF0000", "#FA0A0A", 100), 5.0);
        var json = RoiResultJson.ToJson(result, grouped: false, 0.9);

        Assert.Equal(["roi_id", "roi_type_name", "device_id", "coordinates", "passed", "detected_color", "match_percentage",
            "dominant_color", "threshold", "color_result", "processing_time_ms", "warning", "roi_image_path", "golden_image_path"],
            HttpAssert.Keys(json));
        Assert.Equal("""{"matched":true,"matched_color":"#FF0000","color_hex":"#FA0A0A","pixel_count":100,"percentage":100}""",
            json["color_result"]!.ToJsonString());
    }

    [Fact]
    public void SingleResponseSortsResultsAndBuildsDeviceSummaries()
    {
        RoiResult[] results = [Compare(2, 1), RoiResult.Failed(Roi(3, 3, device: 2), "OCR failed: x"), Barcode(1, 1, "B")];
        var response = new InspectionResponse("s", "P", results,
        [
            new DeviceSummary(2, OverallResult.Of([results[1]]), "M", "M", "manual"),
            new DeviceSummary(1, OverallResult.Of([results[0], results[2]]), "L", "B", "roi:1"),
        ], OverallResult.Of(results), null, 0.412, 0);

        var json = InspectionResponseJson.Single(response, 0.9);

        Assert.Equal(["roi_results", "device_summaries", "overall_result", "processing_time"], HttpAssert.Keys(json));
        Assert.Equal([1, 2, 3], json["roi_results"]!.AsArray().Select(r => (int)r!["roi_id"]!));
        Assert.All(json["roi_results"]!.AsArray(), r => Assert.False(r!.AsObject().ContainsKey("group")));
        var devices = json["device_summaries"]!.AsObject();
        Assert.Equal(["1", "2"], HttpAssert.Keys(devices));
        var d1 = devices["1"]!.AsObject();
        Assert.Equal(["device_id", "total_rois", "passed_rois", "failed_rois", "device_passed", "barcode", "barcode_raw",
            "barcode_source", "results", "roi_results"], HttpAssert.Keys(d1));
        Assert.Equal(d1["results"]!.ToJsonString(), d1["roi_results"]!.ToJsonString());
        Assert.Equal([1, 2], d1["results"]!.AsArray().Select(r => (int)r!["roi_id"]!));
        Assert.True((bool)d1["device_passed"]!);
        Assert.False((bool)devices["2"]!["device_passed"]!);
        Assert.Equal(1, (int)devices["2"]!["failed_rois"]!);
        Assert.Equal("""{"passed":false,"total_rois":3,"passed_rois":2,"failed_rois":1}""", json["overall_result"]!.ToJsonString());
    }

    [Fact]
    public void GroupedResponseKeepsSubmissionOrderAndBadGroupShape()
    {
        RoiResult[] results =
        [
            Compare(30, 1, "210,500") with { Passed = false, Error = "not captured", Group = "260,650" },
            RoiResult.Failed(Roi(12, 2), "Image file not found: x", "230,700"),
            Compare(7, 1, "210,500"),
        ];
        var response = new InspectionResponse("sid", "DEMO", results,
            [new DeviceSummary(1, OverallResult.Of(results), "N/A", "N/A", "none")], OverallResult.Of(results),
            [
                new GroupResult("230,700", 230, 700, "Image file not found: x", null, null, 0),
                new GroupResult("210,500", 210, 500, null, "no ROI uses this focus/exposure", OverallResult.Of([results[2]]), 0.37),
            ], 0.83, 1774854309.482);

        var json = InspectionResponseJson.Grouped(response, 0.9);

        Assert.Equal(["session_id", "product_name", "overall_result", "group_results", "roi_results", "device_summaries",
            "processing_time", "timestamp"], HttpAssert.Keys(json));
        var groups = json["group_results"]!.AsObject();
        Assert.Equal(["230,700", "210,500"], HttpAssert.Keys(groups));
        Assert.Equal("""{"focus":230,"exposure":700,"error":"Image file not found: x"}""", groups["230,700"]!.ToJsonString());
        var good = groups["210,500"]!.AsObject();
        Assert.Equal(["focus", "exposure", "overall_result", "roi_results", "processing_time", "warning"], HttpAssert.Keys(good));
        Assert.Equal([7], good["roi_results"]!.AsArray().Select(r => (int)r!["roi_id"]!));
        Assert.Equal([7, 12, 30], json["roi_results"]!.AsArray().Select(r => (int)r!["roi_id"]!));
        Assert.All(json["roi_results"]!.AsArray(), r => Assert.True(r!.AsObject().ContainsKey("group")));
        Assert.Equal(1774854309.482, (double)json["timestamp"]!);
    }

    [Fact]
    public void IdsAndCountsAreJsonIntegers()
    {
        var json = RoiResultJson.ToJson(Barcode(1, 3, "x"), grouped: false, 0.9);
        Assert.Equal("3", json["device_id"]!.ToJsonString());
        Assert.Equal("1", json["roi_id"]!.ToJsonString());
    }

    [Fact]
    public void SessionTimesAreIsoWithOffset()
    {
        var text = WireTime.Iso(new DateTimeOffset(2026, 3, 30, 7, 5, 9, 123, TimeSpan.Zero));
        Assert.Matches(@"^2026-03-\d\dT\d\d:\d\d:09\.123[+-]\d\d:\d\d$", text);
        Assert.Equal(text, JsonNode.Parse(SessionJson.Status(new SessionStatus("s", "P", new JsonObject { ["client_id"] = "w" },
            new DateTimeOffset(2026, 3, 30, 7, 5, 9, 123, TimeSpan.Zero), DateTimeOffset.Now, 2, false)).ToJsonString())!["created_at"]!.GetValue<string>());
    }
}
