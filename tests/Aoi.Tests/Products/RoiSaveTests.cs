using System.Text.Json.Nodes;

namespace Aoi.Tests.Products;

/// <summary>Spec 2.6 and 8 cases 6–10, through SaveRois/ReadStoredRois on a temporary product root.</summary>
public sealed class RoiSaveTests : IDisposable
{
    private const string Product = "P1";
    private readonly TempProductRoot _root = new();

    public void Dispose() => _root.Dispose();

    private static string Roi(int idx, int type = 2, string extra = "") =>
        $$"""{"idx":{{idx}},"type":{{type}},"coords":[0,0,10,10]{{extra}}}""";

    private static string List(params string[] rois) => "[" + string.Join(",", rois) + "]";

    private JsonArray StoredRois()
    {
        var read = _root.Store.ReadStoredRois(Product);
        Assert.Null(read.Failure);
        return read.Rois!;
    }

    private void SaveFiveWithGoldens()
    {
        var saved = _root.Store.SaveRois(Product, List(Roi(1), Roi(2), Roi(3), Roi(4), Roi(5)));
        Assert.Null(saved.Failure);
        for (var idx = 1; idx <= 5; idx++)
        {
            _root.AddGolden(Product, idx);
        }
    }

    [Fact]
    public void Case6_UnsupportedArrayLengthsAreRejected()
    {
        var result = _root.Store.SaveRois(Product, "[[1,2],[1,2,[0,0,10,10],305,3000,0.9,\"m\",0,1,null,null,{},9]]");

        Assert.Equal(FailureKind.ValidationFailed, result.Failure?.Kind);
        Assert.Equal("ROI validation failed", result.Failure?.Error);
        Assert.Equal(
            ["ROI 0 (idx=1): Unsupported array length 2 (expected 3..12 elements)",
             "ROI 1 (idx=1): Unsupported array length 13 (expected 3..12 elements)"],
            result.Failure!.ValidationErrors!);
        Assert.False(File.Exists(_root.Paths.ConfigFile(Product)));
    }

    [Fact]
    public void Case7_EveryViolationReportedAndNothingOnDiskChanges()
    {
        SaveFiveWithGoldens();
        var before = _root.FolderFingerprint(Product);

        var result = _root.Store.SaveRois(Product, List(
            Roi(1), Roi(1),
            """{"idx":2,"type":2,"coords":[50,10,40,20]}""",
            Roi(3, extra: ",\"device_location\":5"),
            Roi(4, extra: ",\"rotation\":45"),
            Roi(6, extra: ",\"ai_threshold\":1.5")));

        Assert.Equal(FailureKind.ValidationFailed, result.Failure?.Kind);
        Assert.Equal(
            ["ROI 1 (idx=1): Duplicate idx 1 (also at ROI 0)",
             "ROI 2 (idx=2): coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2",
             "ROI 3 (idx=3): device_location must be between 1 and 4",
             "ROI 4 (idx=4): rotation must be one of 0, 90, 180, 270",
             "ROI 5 (idx=6): ai_threshold must be between 0 and 1"],
            result.Failure!.ValidationErrors!);
        Assert.Empty(result.DeletedRoiIndices);
        Assert.Equal(before, _root.FolderFingerprint(Product));
    }

    [Fact]
    public void Case8_GoldensSurviveARejectedSaveAndGoAfterAValidOne()
    {
        SaveFiveWithGoldens();
        var before = _root.FolderFingerprint(Product);

        var rejected = _root.Store.SaveRois(Product, List(Roi(1), Roi(2), Roi(3), Roi(4), Roi(9, type: 7)));
        Assert.Equal(FailureKind.ValidationFailed, rejected.Failure?.Kind);
        Assert.True(Directory.Exists(_root.Paths.GoldenFolder(Product, 5)));
        Assert.Equal(before, _root.FolderFingerprint(Product));

        var accepted = _root.Store.SaveRois(Product, List(Roi(1), Roi(2), Roi(3), Roi(4)));
        Assert.Null(accepted.Failure);
        Assert.Equal(4, accepted.SavedCount);
        Assert.Equal([5], accepted.DeletedRoiIndices);
        Assert.False(Directory.Exists(_root.Paths.GoldenFolder(Product, 5)));
        Assert.True(Directory.Exists(_root.Paths.GoldenFolder(Product, 4)));
    }

    [Fact]
    public void DeletedIndicesAreAscendingAndOnlyExistingFolders()
    {
        _root.Store.SaveRois(Product, List(Roi(9), Roi(3), Roi(7), Roi(1)));
        _root.AddGolden(Product, 9);
        _root.AddGolden(Product, 3);

        var result = _root.Store.SaveRois(Product, List(Roi(1)));

        Assert.Equal([3, 9], result.DeletedRoiIndices);
    }

    [Fact]
    public void UnreadablePreviousFileDeletesNoGoldens()
    {
        _root.WriteConfig(Product, "[{\"idx\":1,");
        _root.AddGolden(Product, 1);

        var result = _root.Store.SaveRois(Product, List(Roi(2)));

        Assert.Null(result.Failure);
        Assert.Empty(result.DeletedRoiIndices);
        Assert.True(Directory.Exists(_root.Paths.GoldenFolder(Product, 1)));
    }

    [Fact]
    public void Case9_ColourRoiNeedsAColourConfiguration()
    {
        var result = _root.Store.SaveRois(Product, List(Roi(1, type: 4)));

        Assert.Equal(FailureKind.ValidationFailed, result.Failure?.Kind);
        Assert.Equal(["ROI 0 (idx=1): Color ROI (type 4) must have 'expected_color' or 'color_ranges'"], result.Failure!.ValidationErrors!);
    }

    [Fact]
    public void Case9_HexColourIsStoredAsRgb()
    {
        Assert.Null(_root.Store.SaveRois(Product, List(Roi(1, type: 4, extra: ",\"expected_color\":\"#FF8000\""))).Failure);

        Assert.Equal("[255,128,0]", StoredRois()[0]!["expected_color"]!.ToJsonString());
    }

    [Fact]
    public void Case9_NestedColourConfigIsStoredTopLevelAndRoundTrips()
    {
        var saved = _root.Store.SaveRois(Product, List(Roi(1, type: 4,
            extra: ",\"color_config\":{\"expected_color\":[255,0,0],\"color_tolerance\":10,\"min_pixel_percentage\":5.0}")));
        Assert.Null(saved.Failure);

        var stored = StoredRois();
        Assert.Equal(
            """[{"idx":1,"type":4,"coords":[0,0,10,10],"focus":305,"exposure":3000,"ai_threshold":null,"feature_method":null,"rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null,"expected_color":[255,0,0],"color_tolerance":10,"min_pixel_percentage":5.0}]""",
            stored.ToJsonString());

        // Saving what GET returned changes nothing.
        var fileBefore = File.ReadAllText(_root.Paths.ConfigFile(Product));
        Assert.Null(_root.Store.SaveRois(Product, stored.ToJsonString()).Failure);
        Assert.Equal(fileBefore, File.ReadAllText(_root.Paths.ConfigFile(Product)));
        Assert.Equal(stored.ToJsonString(), StoredRois().ToJsonString());
    }

    [Theory]
    [InlineData("Expected OCR Text")]
    [InlineData("PCB-V1.2")]
    [InlineData("Serial Number")]
    public void Case10_ExpectedTextSurvivesSaveAndGet(string text)
    {
        var roi = new JsonObject { ["idx"] = 1, ["type"] = 3, ["coords"] = new JsonArray(0, 0, 10, 10), ["expected_text"] = text };

        Assert.Null(_root.Store.SaveRois(Product, new JsonArray(roi).ToJsonString()).Failure);

        Assert.Equal(text, StoredRois()[0]!["expected_text"]!.GetValue<string>());
        Assert.Equal(text, _root.Store.LoadSnapshot(Product).Snapshot!.Rois[0].ExpectedText);
    }

    [Fact]
    public void CanonicalObjectHasSpecKeyOrderAndKeepsOtherKeys()
    {
        var input = """
            [{"notes":"left clip","type":2,"coords":["5",6,70,80],"idx":3,"custom":{"a":1},"enabled":false,
              "expected_pattern":"^A","device_id":2,"roi_type_name":"compare","expected_color":[1,2,3]},
             [4,1,[0,0,10,10],250,900,0.5]]
            """;

        Assert.Null(_root.Store.SaveRois(Product, input).Failure);

        var keys = StoredRois().Select(r => string.Join(",", r!.AsObject().Select(p => p.Key))).ToList();
        Assert.Equal(
            ["idx,type,coords,focus,exposure,ai_threshold,feature_method,rotation,device_location,expected_text,is_device_barcode,notes,custom,enabled,expected_pattern,device_id,roi_type_name",
             "idx,type,coords,focus,exposure,ai_threshold,feature_method,rotation,device_location,expected_text,is_device_barcode"],
            keys);
        var first = StoredRois()[0]!;
        Assert.Equal("[5,6,70,80]", first["coords"]!.ToJsonString());
        Assert.Equal(2, first["device_location"]!.GetValue<int>());
        Assert.Equal("{\"a\":1}", first["custom"]!.ToJsonString());
        Assert.Equal(0.9, first["ai_threshold"]!.GetValue<double>());
        Assert.Equal("mobilenet", first["feature_method"]!.GetValue<string>());
        Assert.False(first["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void ColourRoiForcesCompareAndTextFieldsToNull()
    {
        Assert.Null(_root.Store.SaveRois(Product, List(Roi(1, type: 4,
            extra: ",\"ai_threshold\":0.7,\"feature_method\":\"orb\",\"expected_text\":\"X\",\"is_device_barcode\":true," +
                   "\"color_ranges\":[{\"name\":\"red\",\"lower\":[0,100,100],\"upper\":[10,255,255],\"color_space\":\"hsv\"}]"))).Failure);

        var stored = StoredRois()[0]!;
        foreach (var key in new[] { "ai_threshold", "feature_method", "expected_text", "is_device_barcode" })
        {
            Assert.True(stored.AsObject().ContainsKey(key));
            Assert.Null(stored[key]);
        }

        Assert.False(stored.AsObject().ContainsKey("expected_color"));
        Assert.Equal(
            """[{"name":"red","lower":[0,100,100],"upper":[10,255,255],"color_space":"HSV","threshold":50.0}]""",
            stored["color_ranges"]!.ToJsonString());
    }

    [Fact]
    public void FileIsIndentedWithTwoSpacesAndNoTempFileRemains()
    {
        Assert.Null(_root.Store.SaveRois(Product, List(Roi(1))).Failure);

        var lines = File.ReadAllLines(_root.Paths.ConfigFile(Product));
        Assert.Equal("[", lines[0]);
        Assert.Equal("  {", lines[1]);
        Assert.Equal("    \"idx\": 1,", lines[2]);
        Assert.Equal([$"rois_config_{Product}.json"],
            Directory.GetFiles(_root.Paths.ProductFolder(Product)).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void EmptyListIsSavedAndCreatesTheProduct()
    {
        var result = _root.Store.SaveRois("NEW-1", "[]");

        Assert.Null(result.Failure);
        Assert.Equal(0, result.SavedCount);
        Assert.True(_root.Paths.ProductExists("NEW-1"));
    }

    [Fact]
    public void InvalidProductNameIsRejected()
    {
        Assert.Equal(FailureKind.Invalid, _root.Store.SaveRois("../etc", "[]").Failure?.Kind);
        Assert.Equal(FailureKind.Invalid, _root.Store.ReadStoredRois(".hidden").Failure?.Kind);
    }

    [Fact]
    public void ReadStoredRoisReturnsObjectsAsWrittenAndConvertsArrays()
    {
        _root.WriteConfig(Product, """
            [{"idx":2,"type":1,"coords":[0,0,10,10],"zzz":"kept","focus":"230"},
             [5,2,[0,0,50,50],300,0.8]]
            """);

        var read = _root.Store.ReadStoredRois(Product);

        Assert.Null(read.Failure);
        Assert.Equal(2, read.Rois!.Count);
        Assert.Equal(
            """[{"idx":2,"type":1,"coords":[0,0,10,10],"zzz":"kept","focus":"230"},{"idx":5,"type":2,"coords":[0,0,50,50],"focus":300,"exposure":3000,"ai_threshold":0.8,"feature_method":"mobilenet","rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null}]""",
            read.Rois.ToJsonString());
    }

    [Fact]
    public void ReadStoredRoisOfUnknownProductIs404()
    {
        var read = _root.Store.ReadStoredRois("nope");

        Assert.Equal((FailureKind.NotFound, "Product not found: nope"), (read.Failure?.Kind, read.Failure?.Error));
    }

    [Fact]
    public void ReadStoredRoisOfUnusableFileIs422WithMessages()
    {
        _root.WriteConfig(Product, """[{"idx":1,"type":2,"coords":[0,0,10,10]},{"idx":1,"type":2,"coords":[0,0,10,10]}]""");

        var read = _root.Store.ReadStoredRois(Product);

        Assert.Equal((FailureKind.ValidationFailed, "ROI configuration invalid"), (read.Failure?.Kind, read.Failure?.Error));
        Assert.Equal(["ROI 1 (idx=1): Duplicate idx 1 (also at ROI 0)"], read.Failure!.ValidationErrors!);
    }
}
