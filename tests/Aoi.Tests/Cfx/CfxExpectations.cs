using System.Text.Json.Nodes;

namespace Aoi.Tests.Cfx;

/// <summary>
/// What a subscriber must see for one inspection of the <see cref="CfxBoard"/>, checked field by field against the
/// envelopes received and the legacy answer the station got (similarities and percentages must agree with it).
/// </summary>
public static class CfxExpectations
{
    /// <summary>Expected result and defect code of one ROI (code null = passed).</summary>
    public sealed record Roi(int Idx, string Type, RoiRect Region, string? DefectCode);

    public sealed record Unit(int Device, string? Barcode, IReadOnlyList<Roi> Rois)
    {
        public bool Passed => Rois.All(r => r.DefectCode is null);
    }

    public static IReadOnlyList<Unit> GoodBoard() => [.. Enumerable.Range(1, 4).Select(d => UnitOf(d, faulty: false))];

    public static IReadOnlyList<Unit> FaultyBoard() => [.. Enumerable.Range(1, 4).Select(d => UnitOf(d, faulty: true))];

    private static Unit UnitOf(int device, bool faulty) => new(device, faulty && device == 3 ? null : CfxBoard.Label(device),
    [
        new Roi(CfxBoard.BarcodeIdx(device), "barcode", CfxBoard.Barcode(device), faulty && device == 3 ? "no_read" : null),
        new Roi(CfxBoard.CompareIdx(device), "compare", CfxBoard.Compare(device), faulty && device == 2 ? CompareEngineReason : null),
        new Roi(CfxBoard.ColourIdx(device), "color", CfxBoard.Colour(device), faulty && device == 4 ? "wrong_color" : null),
    ]);

    /// <summary>
    /// A failed compare ROI's defect code is the compare engine's reason (the answer's <c>defect</c>, one of the
    /// names of <see cref="CompareDefectNames"/>); which one the engine gives for the wrong part is its business.
    /// </summary>
    private const string CompareEngineReason = "(the answer's defect)";

    private static readonly string[] CompareDefectNames = ["missing", "displaced", "rotated", "wrong_part", "foreign_object", "different"];

    /// <summary>Asserts the three messages of one inspection; returns their transaction id.</summary>
    public static Guid AssertInspection(IReadOnlyList<JsonObject> messages, JsonObject answer, string product, string revision,
        IReadOnlyList<Unit> units)
    {
        Assert.Equal(["CFX.Production.WorkStarted", "CFX.Production.TestAndInspection.UnitsInspected", "CFX.Production.WorkCompleted"],
            messages.Select(m => (string?)m["MessageName"]));
        foreach (var message in messages)
        {
            AssertEnvelope(message);
        }

        Assert.Equal(3, messages.Select(m => (string?)m["UniqueID"]).Distinct().Count());
        var (started, inspected, completed) = (messages[0], messages[1], messages[2]);
        var transaction = Guid.Parse((string)started["MessageBody"]!["TransactionID"]!);
        Assert.Equal(transaction, Guid.Parse((string)inspected["MessageBody"]!["TransactionId"]!));
        Assert.Equal(transaction, Guid.Parse((string)completed["MessageBody"]!["TransactionID"]!));
        var start = DateTimeOffset.Parse((string)started["TimeStamp"]!);
        var end = DateTimeOffset.Parse((string)inspected["TimeStamp"]!);
        Assert.True(start <= end, $"WorkStarted at {start} after UnitsInspected at {end}");
        Assert.Equal(end, DateTimeOffset.Parse((string)completed["TimeStamp"]!));
        Assert.Equal((double)answer["processing_time"]!, (end - start).TotalSeconds, 3);

        AssertWorkStarted((JsonObject)started["MessageBody"]!, product, revision, units);
        AssertUnitsInspected((JsonObject)inspected["MessageBody"]!, answer, product, revision, units, start, end);
        AssertWorkCompleted((JsonObject)completed["MessageBody"]!, units);
        return transaction;
    }

    public static void AssertEnvelope(JsonObject envelope)
    {
        Assert.Equal(["MessageName", "Version", "TimeStamp", "UniqueID", "Source", "Target", "RequestID", "MessageBody"],
            envelope.Select(p => p.Key));
        Assert.Equal("2.1", (string?)envelope["Version"]);
        Assert.Equal(CfxTestServer.Handle, (string?)envelope["Source"]);
        Assert.Null(envelope["Target"]);
        Assert.Null(envelope["RequestID"]);
        Assert.True(Guid.TryParseExact((string?)envelope["UniqueID"], "D", out _), envelope.ToJsonString());
        // ISO 8601 with the offset the standard requires.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$", (string?)envelope["TimeStamp"]);
        var body = (JsonObject)envelope["MessageBody"]!;
        Assert.Equal("$type", body.First().Key);
        Assert.Equal($"{envelope["MessageName"]}, CFX", (string?)body["$type"]);
    }

    private static void AssertWorkStarted(JsonObject body, string product, string revision, IReadOnlyList<Unit> units)
    {
        Assert.Equal(["$type", "PrimaryIdentifier", "HermesIdentifier", "TransactionID", "Lane", "UnitCount", "Units", "RecipeName", "Revision"],
            body.Select(p => p.Key));
        Assert.Equal(product, (string?)body["RecipeName"]);
        Assert.Equal(revision, (string?)body["Revision"]);
        AssertUnitPositions(body, units, completed: false);
    }

    private static void AssertWorkCompleted(JsonObject body, IReadOnlyList<Unit> units)
    {
        Assert.Equal(units.All(u => u.Passed) ? "Completed" : "Failed", (string?)body["Result"]);
        AssertUnitPositions(body, units, completed: true);
    }

    private static void AssertUnitPositions(JsonObject body, IReadOnlyList<Unit> units, bool completed)
    {
        Assert.Equal(units.Count, (int)body["UnitCount"]!);
        var positions = body["Units"]!.AsArray();
        Assert.Equal(units.Count, positions.Count);
        foreach (var (unit, position) in units.Zip(positions))
        {
            Assert.Equal(unit.Barcode, (string?)position!["UnitIdentifier"]);
            Assert.Equal(unit.Device, (int)position["PositionNumber"]!);
            Assert.Equal(!completed || unit.Passed ? "Pass" : "Fail", (string?)position["Status"]);
        }
    }

    private static void AssertUnitsInspected(JsonObject body, JsonObject answer, string product, string revision,
        IReadOnlyList<Unit> units, DateTimeOffset start, DateTimeOffset end)
    {
        Assert.Equal(["$type", "TransactionId", "InspectionMethod", "SamplingInformation", "Inspector", "RecipeName", "RecipeRevision", "InspectedUnits"],
            body.Select(p => p.Key));
        Assert.Equal("AOI", (string?)body["InspectionMethod"]);
        Assert.Equal("NoSampling", (string?)body["SamplingInformation"]!["SamplingMethod"]);
        Assert.Null(body["Inspector"]);
        Assert.Equal(product, (string?)body["RecipeName"]);
        Assert.Equal(revision, (string?)body["RecipeRevision"]);
        var answered = answer["roi_results"]!.AsArray().ToDictionary(r => (int)r!["roi_id"]!, r => r!.AsObject());
        var inspectedUnits = body["InspectedUnits"]!.AsArray();
        Assert.Equal(units.Count, inspectedUnits.Count);
        foreach (var (unit, inspectedNode) in units.Zip(inspectedUnits))
        {
            var inspected = inspectedNode!.AsObject();
            Assert.Equal(unit.Barcode, (string?)inspected["UnitIdentifier"]);
            Assert.Equal(unit.Device, (int)inspected["UnitPositionNumber"]!);
            Assert.Equal(unit.Passed ? "Passed" : "Failed", (string?)inspected["OverallResult"]);
            Assert.Equal("NotVerifiedYet", (string?)inspected["Verification"]);
            Assert.Equal(unit.Rois.Count, (int)inspected["TotalInspectionCount"]!);
            var inspections = inspected["Inspections"]!.AsArray();
            Assert.Equal(unit.Rois.Select(r => $"roi_{r.Idx}"), inspections.Select(i => (string?)i!["InspectionName"]));
            foreach (var (roi, inspectionNode) in unit.Rois.Zip(inspections))
            {
                AssertInspection(roi, inspectionNode!.AsObject(), answered[roi.Idx], start, end);
            }
        }
    }

    private static void AssertInspection(Roi roi, JsonObject inspection, JsonObject answered, DateTimeOffset start, DateTimeOffset end)
    {
        var context = inspection.ToJsonString();
        Assert.Equal(roi.Idx, (int)inspection["RefNo"]!);
        Assert.Equal(roi.Type, (string?)inspection["TestProcedure"]);
        Assert.Equal(roi.DefectCode is null ? "Passed" : "Failed", (string?)inspection["Result"]);
        Assert.Equal(roi.DefectCode is null, (bool)answered["passed"]!);
        Assert.Equal("NotVerifiedYet", (string?)inspection["Verification"]);
        Assert.Null(inspection["Error"]);
        Assert.Equal(start, DateTimeOffset.Parse((string)inspection["InspectionStartTime"]!));
        Assert.Equal(end, DateTimeOffset.Parse((string)inspection["InspectionEndTime"]!));
        var defects = inspection["DefectsFound"]!.AsArray();
        if (roi.DefectCode is null)
        {
            Assert.Empty(defects);
        }
        else
        {
            var defect = Assert.Single(defects)!.AsObject();
            var expected = roi.DefectCode == CompareEngineReason ? (string?)answered["defect"] : roi.DefectCode;
            if (roi.DefectCode == CompareEngineReason)
            {
                Assert.Contains(expected, CompareDefectNames);
            }

            Assert.Equal(expected, (string?)defect["DefectCode"]);
            Assert.Equal(roi.Type, (string?)defect["DefectCategory"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)defect["Description"]), context);
            Assert.Equal("NotVerifiedYet", (string?)defect["Verification"]);
            var region = defect["RegionOfInterest"]!;
            Assert.Equal((roi.Region.X1, roi.Region.Y1), ((double)region["StartPointX"]!, (double)region["StartPointY"]!));
            Assert.Equal(
                [(roi.Region.X2, roi.Region.Y1), (roi.Region.X2, roi.Region.Y2), (roi.Region.X1, roi.Region.Y2), (roi.Region.X1, roi.Region.Y1)],
                region["RegionSegments"]!.AsArray().Select(s => ((int)(double)s!["X"]!, (int)(double)s["Y"]!)));
        }

        var measurements = inspection["Measurements"]!.AsArray();
        var (name, value, minimum) = roi.Type switch
        {
            "compare" => ("similarity", (double?)answered["ai_similarity"], (double?)answered["threshold"]),
            "color" => ("match_percentage", (double?)answered["match_percentage"], (double?)answered["threshold"]),
            _ => (null, null, null),
        };
        if (name is null)
        {
            Assert.Empty(measurements);
            return;
        }

        var measurement = Assert.Single(measurements)!.AsObject();
        Assert.Equal("CFX.Structures.NumericMeasurement, CFX", (string?)measurement["$type"]);
        Assert.Equal(name, (string?)measurement["MeasurementName"]);
        Assert.Equal((string?)inspection["Result"], (string?)measurement["Result"]);
        Assert.Equal(value, (double?)measurement["MeasuredValue"]!["Value"]);
        Assert.Equal(minimum, (double?)measurement["MeasuredValue"]!["MinimumAcceptableValue"]);
    }
}
