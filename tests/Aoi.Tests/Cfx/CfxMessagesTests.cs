using System.Text.Json.Nodes;
using Aoi.Grains.Cfx;
using Aoi.Grains.Cfx.Messages;

namespace Aoi.Tests.Cfx;

/// <summary>The CFX JSON this server writes, checked against the published message definitions, without a broker.</summary>
public sealed class CfxMessagesTests
{
    private static readonly TimeZoneInfo Plant = TimeZoneInfo.CreateCustomTimeZone("plant", TimeSpan.FromHours(2), "plant", "plant");
    private static readonly RoiRect Box = new(10, 20, 110, 70);

    private static RoiResult Roi(int id, string type, bool passed, string? error = null, string? detail = null, BarcodeOutcome? barcode = null,
        CompareOutcome? compare = null, OcrOutcome? ocr = null, ColorOutcome? color = null, int device = 1) =>
        new(id, type switch { "barcode" => 1, "compare" => 2, "ocr" => 3, "color" => 4, _ => 9 }, type, device, Box, passed, 12.5,
            null, null, error, null, detail, null, barcode, compare, ocr, color, null);

    private static ColorOutcome Colour(double percentage) => new("No Match", percentage, [0, 0, 255], 50, false, null, "#0000FF", 10);

    public static TheoryData<RoiResult, string, string> FailedRois() => new()
    {
        { Roi(1, "compare", false, compare: new CompareOutcome("Different", 0.42, 0.9)), "different", "Failed" },
        { Roi(1, "compare", false, compare: new CompareOutcome("Different", 0.42, 0.9, Defect: "missing")), "missing", "Failed" },
        { Roi(1, "compare", false, error: "no golden sample", compare: new CompareOutcome("Different", 0, 0.9)), "error", "Error" },
        { Roi(1, "barcode", false, barcode: new BarcodeOutcome([], [], null)), "no_read", "Failed" },
        { Roi(1, "barcode", false, error: "no value matches pattern '^SN'", detail: "no value matches pattern '^SN'",
            barcode: new BarcodeOutcome(["XY-1"], ["CODE_128"], null)), "wrong_code", "Failed" },
        { Roi(1, "barcode", false, error: "barcode unavailable: no decoder", barcode: new BarcodeOutcome([], [], null)), "error", "Error" },
        { Roi(1, "ocr", false, ocr: new OcrOutcome(" [FAIL: No text detected]", "", 0)), "no_text", "Failed" },
        { Roi(1, "ocr", false, ocr: new OcrOutcome("ABC [FAIL: Expected 'XYZ', detected 'ABC']", "ABC", 0.9)), "wrong_text", "Failed" },
        { Roi(1, "ocr", false, error: "OCR failed: model", ocr: new OcrOutcome("", "", 0)), "error", "Error" },
        { Roi(1, "color", false, color: Colour(12.5)), "wrong_color", "Failed" },
        { Roi(1, "color", false, error: "no colour configuration", color: Colour(0)), "error", "Error" },
        { Roi(1, "compare", false, error: "not captured"), "error", "Error" },
        { Roi(1, "unknown", false, error: "unknown ROI type 9"), "error", "Error" },
    };

    [Theory]
    [MemberData(nameof(FailedRois))]
    public void AFailedRoiNamesItsDefectAndKeepsItsRegion(RoiResult roi, string code, string result)
    {
        var inspection = UnitsInspected([roi])["InspectedUnits"]![0]!["Inspections"]![0]!;

        Assert.Equal(result, (string?)inspection["Result"]);
        Assert.Equal(result == "Error" ? roi.Error : null, (string?)inspection["Error"]);
        var defect = Assert.Single(inspection["DefectsFound"]!.AsArray())!;
        Assert.Equal(code, (string?)defect["DefectCode"]);
        Assert.Equal(roi.RoiTypeName, (string?)defect["DefectCategory"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)defect["Description"]));
        Assert.Equal("""{"StartPointX":10,"StartPointY":20,"RegionSegments":[{"X":110,"Y":20},{"X":110,"Y":70},{"X":10,"Y":70},{"X":10,"Y":20}]}""",
            defect["RegionOfInterest"]!.ToJsonString());
    }

    [Fact]
    public void TheEnvelopesCarryTheStandardsNamesSpellingsAndTypeMarkers()
    {
        var transaction = Guid.NewGuid();
        var rois = new[]
        {
            Roi(1, "barcode", true, barcode: new BarcodeOutcome(["SN-1"], ["CODE_128"], "SN-1")),
            Roi(2, "compare", true, compare: new CompareOutcome("Match", 0.97, 0.9)),
            Roi(3, "color", false, color: Colour(12.5), device: 2),
        };
        var json = CfxInspectionMessages.For(Response(rois), transaction, "acme.line1.aoi1", Plant).Select(CfxJson.Serialize).ToList();
        var envelopes = json.Select(j => (JsonObject)JsonNode.Parse(j)!).ToList();
        Assert.Contains("\"TimeStamp\":\"2025-06-01T12:00:01.5+02:00\"", json[1]);

        Assert.All(envelopes, e => Assert.Equal(["MessageName", "Version", "TimeStamp", "UniqueID", "Source", "Target", "RequestID", "MessageBody"],
            e.Select(p => p.Key)));
        Assert.All(envelopes, e => Assert.EndsWith("+02:00", (string?)e["TimeStamp"]));
        Assert.Equal("2025-06-01T12:00:01.5+02:00", (string?)envelopes[1]["TimeStamp"]);
        Assert.Equal("2025-06-01T12:00:00.25+02:00", (string?)envelopes[0]["TimeStamp"]);
        var started = envelopes[0]["MessageBody"]!;
        Assert.Equal("CFX.Production.WorkStarted, CFX", (string?)started["$type"]);
        Assert.Equal(transaction.ToString(), (string?)started["TransactionID"]);
        Assert.Equal("""[{"UnitIdentifier":"SN-1","PositionNumber":1,"PositionName":"device 1","X":0,"Y":0,"Z":null,"Rotation":0,"FlipX":false,"FlipY":false,"Status":"Pass"},{"UnitIdentifier":null,"PositionNumber":2,"PositionName":"device 2","X":0,"Y":0,"Z":null,"Rotation":0,"FlipX":false,"FlipY":false,"Status":"Pass"}]""",
            started["Units"]!.ToJsonString());
        var inspected = envelopes[1]["MessageBody"]!;
        Assert.Equal(transaction.ToString(), (string?)inspected["TransactionId"]);
        Assert.Equal(("AOI", "P-1", "42"), ((string?)inspected["InspectionMethod"], (string?)inspected["RecipeName"], (string?)inspected["RecipeRevision"]));
        Assert.Equal(["Passed", "Failed"], inspected["InspectedUnits"]!.AsArray().Select(u => (string?)u!["OverallResult"]));
        var compare = inspected["InspectedUnits"]![0]!["Inspections"]![1]!;
        Assert.Equal("""[{"$type":"CFX.Structures.NumericMeasurement, CFX","MeasuredValue":{"Value":0.97,"ValueUnits":null,"ExpectedValue":null,"ExpectedValueUnits":null,"MinimumAcceptableValue":0.9,"MinimumAcceptableValueUnits":null,"MaximumAcceptableValue":null,"MaximumAcceptableValueUnits":null},"UniqueIdentifier":"ID","MeasurementName":"similarity","TimeRecorded":null,"Sequence":0,"Result":"Passed","CRDs":null}]""",
            compare["Measurements"]!.ToJsonString().Replace((string)compare["Measurements"]![0]!["UniqueIdentifier"]!, "ID"));
        var completed = envelopes[2]["MessageBody"]!;
        Assert.Equal(("Failed", "Pass", "Fail"),
            ((string?)completed["Result"], (string?)completed["Units"]![0]!["Status"], (string?)completed["Units"]![1]!["Status"]));

        var heartbeat = JsonNode.Parse(CfxJson.Serialize(CfxEnvelope.Publish(new Heartbeat("acme.line1.aoi1", TimeSpan.FromMinutes(5)), "acme.line1.aoi1",
            DateTimeOffset.UnixEpoch)))!;
        Assert.Equal("""{"$type":"CFX.Heartbeat, CFX","CFXHandle":"acme.line1.aoi1","HeartbeatFrequency":"00:05:00"}""", heartbeat["MessageBody"]!.ToJsonString());
    }

    [Fact]
    public void AConfirmedDefectFailsTheReviewedUnit()
    {
        var inspection = Guid.NewGuid();
        var envelope = CfxReviewMessages.For(new CfxReviewVerdict(inspection.ToString(), "P-1", null, 3, "N/A", "op-2",
            new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero),
            [new CfxReviewedRoi(9, "compare", DefectConfirmed: true, "missing"), new CfxReviewedRoi(7, "ocr", DefectConfirmed: false, "wrong_text")]),
            "acme.line1.aoi1", Plant);
        var body = JsonNode.Parse(CfxJson.Serialize(envelope))!["MessageBody"]!;

        Assert.Equal((inspection.ToString(), "Human", null), ((string?)body["TransactionId"], (string?)body["InspectionMethod"], (string?)body["RecipeRevision"]));
        var unit = body["InspectedUnits"]![0]!;
        Assert.Equal(((string?)null, 3, "Failed", "DefectConfirmed"),
            ((string?)unit["UnitIdentifier"], (int)unit["UnitPositionNumber"]!, (string?)unit["OverallResult"], (string?)unit["Verification"]));
        Assert.Equal([("roi_7", "Passed", "DefectRejected", "wrong_text"), ("roi_9", "Failed", "DefectConfirmed", "missing")],
            unit["Inspections"]!.AsArray().Select(i => ((string?)i!["InspectionName"], (string?)i["Result"], (string?)i["Verification"],
                (string?)i["DefectsFound"]![0]!["DefectCode"])));
        Assert.Throws<ArgumentException>(() => CfxReviewMessages.For(new CfxReviewVerdict("42", "P", null, 1, null, "op", DateTimeOffset.Now, []),
            "h", Plant));
    }

    private static JsonNode UnitsInspected(IReadOnlyList<RoiResult> rois) =>
        JsonNode.Parse(CfxJson.Serialize(CfxInspectionMessages.For(Response(rois), Guid.NewGuid(), "h", Plant)[1]))!["MessageBody"]!;

    /// <summary>An answer finished at 10:00:01.5 UTC after 1.25 s, on configuration version 42.</summary>
    private static InspectionResponse Response(IReadOnlyList<RoiResult> rois)
    {
        var devices = rois.GroupBy(r => r.DeviceId).OrderBy(g => g.Key)
            .Select(g => new DeviceSummary(g.Key, OverallResult.Of(g.ToList()), g.Key == 1 ? "SN-1" : "N/A", "N/A", "none"))
            .ToArray();
        var end = new DateTimeOffset(2025, 6, 1, 10, 0, 1, 500, TimeSpan.Zero);
        return new InspectionResponse("s", "P-1", [.. rois], devices, OverallResult.Of(rois.ToList()), null, 1.25,
            end.ToUnixTimeMilliseconds() / 1000.0, 42);
    }
}
