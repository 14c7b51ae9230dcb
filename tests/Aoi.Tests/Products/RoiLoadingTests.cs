using Aoi.Grains.Products;

namespace Aoi.Tests.Products;

/// <summary>Spec 8 cases 1–5 and the default/leniency rules of spec 2.2–2.3.</summary>
public sealed class RoiLoadingTests
{
    [Fact]
    public void Case1_EightElementArrayBecomesFullCanonicalObject()
    {
        var roi = RoiJson.ParseOne("""[1,2,[100,100,200,200],305,3000,0.9,"mobilenet",0]""");

        Assert.Empty(roi.Messages);
        Assert.Equal(
            """{"idx":1,"type":2,"coords":[100,100,200,200],"focus":305,"exposure":3000,"ai_threshold":0.9,"feature_method":"mobilenet","rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":null}""",
            roi.Canonical!.ToJsonString());
        var d = roi.Definition!;
        Assert.Equal((1, 2, new RoiRect(100, 100, 200, 200), 305, 3000), (d.Idx, d.Type, d.Coords, d.Focus, d.Exposure));
        Assert.Equal((0.9, "mobilenet", 0, 1), (d.AiThreshold, d.FeatureMethod, d.Rotation, d.DeviceLocation));
        Assert.Null(d.ExpectedText);
        Assert.Null(d.IsDeviceBarcode);
        Assert.True(d.Enabled);
        Assert.Null(d.ConfigError);
    }

    [Fact]
    public void Case2_SixElementArrayDefaultsMethodRotationDevice()
    {
        var d = RoiJson.Load("[3,2,[0,0,100,100],305,3000,0.95]");

        Assert.Equal("mobilenet", d.FeatureMethod);
        Assert.Equal(0.95, d.AiThreshold);
        Assert.Equal(0, d.Rotation);
        Assert.Equal(1, d.DeviceLocation);
    }

    [Fact]
    public void Case3_ShortArraysTakeTheOneDefaultSet()
    {
        var barcode = RoiJson.Load("[4,1,[10,10,90,90],305]");
        Assert.Equal(3000, barcode.Exposure);
        Assert.Null(barcode.AiThreshold);
        Assert.Null(barcode.FeatureMethod);

        var compare = RoiJson.Load("[6,2,[0,0,10,10]]");
        Assert.Equal((305, 3000, 0.9, "mobilenet"), (compare.Focus, compare.Exposure, compare.AiThreshold, compare.FeatureMethod));
    }

    [Fact]
    public void Case4_FiveElementOldLayoutHasThresholdAtPosition4()
    {
        var d = RoiJson.Load("[5,2,[0,0,50,50],300,0.8]");

        Assert.Equal(300, d.Focus);
        Assert.Equal(3000, d.Exposure);
        Assert.Equal(0.8, d.AiThreshold);
    }

    [Fact]
    public void Case5_ObjectKeepsEveryValueAndHasNoColourKeys()
    {
        var roi = RoiJson.ParseOne("""
            {"idx":5,"type":2,"coords":[100,200,300,400],"focus":310,"exposure":1500,"ai_threshold":0.95,
             "feature_method":"mobilenet","rotation":90,"device_location":3,"expected_text":"TEST","is_device_barcode":true}
            """);

        Assert.Empty(roi.Messages);
        var d = roi.Definition!;
        Assert.Equal((5, 2, new RoiRect(100, 200, 300, 400), 310, 1500), (d.Idx, d.Type, d.Coords, d.Focus, d.Exposure));
        Assert.Equal((0.95, "mobilenet", 90, 3, "TEST", (bool?)true),
            (d.AiThreshold, d.FeatureMethod, d.Rotation, d.DeviceLocation, d.ExpectedText, d.IsDeviceBarcode));
        Assert.Null(d.ExpectedColor);
        Assert.Null(d.ColorRanges);
        foreach (var key in new[] { "expected_color", "color_tolerance", "min_pixel_percentage", "color_ranges" })
        {
            Assert.False(roi.Canonical!.ContainsKey(key), key);
        }
    }

    [Fact]
    public void Case5_NumericStringsAndIntegralFloatsBecomeIntegers()
    {
        var roi = RoiJson.ParseOne("""{"idx":"7","type":2.0,"coords":["1","2","30","40"],"focus":"310"}""");

        Assert.Empty(roi.Messages);
        var d = roi.Definition!;
        Assert.Equal((7, 2, new RoiRect(1, 2, 30, 40), 310, 3000), (d.Idx, d.Type, d.Coords, d.Focus, d.Exposure));
        Assert.StartsWith("""{"idx":7,"type":2,"coords":[1,2,30,40],"focus":310,"exposure":3000,""", roi.Canonical!.ToJsonString());
    }

    [Fact]
    public void ExplicitNullsMeanDefaults()
    {
        var d = RoiJson.Load("""
            {"idx":1,"type":2,"coords":[0,0,10,10],"focus":null,"exposure":null,"rotation":null,"device_location":null,
             "enabled":null,"ai_threshold":null}
            """);

        Assert.Equal((305, 3000, 0, 1, true), (d.Focus, d.Exposure, d.Rotation, d.DeviceLocation, d.Enabled));
        Assert.Equal(0.9, d.AiThreshold);
    }

    [Fact]
    public void NullThresholdUsesTheConfiguredDefault()
    {
        var list = RoiList.Parse("""[{"idx":1,"type":2,"coords":[0,0,10,10],"ai_threshold":null}]""", false, 0.75);

        Assert.Equal(0.75, Assert.Single(list.Definitions).AiThreshold);
    }

    [Fact]
    public void NullColourToleranceAndPercentageMeanDefaults()
    {
        var d = RoiJson.Load("""
            {"idx":1,"type":4,"coords":[0,0,10,10],"expected_color":[1,2,3],"color_tolerance":null,"min_pixel_percentage":null}
            """);

        Assert.Equal(10, d.ColorTolerance);
        Assert.Equal(5.0, d.MinPixelPercentage);
    }

    [Fact]
    public void FeatureMethodNullOnCompareMeansOpenCvButMissingMeansMobilenet()
    {
        Assert.Null(RoiJson.Load("""{"idx":1,"type":2,"coords":[0,0,10,10],"feature_method":null}""").FeatureMethod);
        Assert.Equal("mobilenet", RoiJson.Load("""{"idx":1,"type":2,"coords":[0,0,10,10]}""").FeatureMethod);
        Assert.Null(RoiJson.Load("[1,2,[0,0,10,10],305,3000,0.9,null]").FeatureMethod);
    }

    [Fact]
    public void MissingThresholdOnNonCompareStaysNull()
    {
        Assert.Null(RoiJson.Load("""{"idx":1,"type":1,"coords":[0,0,10,10]}""").AiThreshold);
        Assert.Null(RoiJson.Load("""{"idx":1,"type":3,"coords":[0,0,10,10]}""").FeatureMethod);
    }

    [Fact]
    public void NumericStringsInRealFieldsAreAccepted()
    {
        var d = RoiJson.Load("""{"idx":1,"type":2,"coords":[0,0,10,10],"ai_threshold":"0.85","rotation":"90","device_location":"2"}""");

        Assert.Equal((0.85, 90, 2), (d.AiThreshold, d.Rotation, d.DeviceLocation));
    }

    [Fact]
    public void SampleTextIsAnAliasOfExpectedText()
    {
        var roi = RoiJson.ParseOne("""{"idx":1,"type":3,"coords":[0,0,10,10],"sample_text":"LOT 42"}""");

        Assert.Equal("LOT 42", roi.Definition!.ExpectedText);
        Assert.Equal("LOT 42", roi.Canonical!["expected_text"]!.GetValue<string>());
        Assert.False(roi.Canonical.ContainsKey("sample_text"));
    }

    [Fact]
    public void DeviceIdFillsInForMissingDeviceLocation()
    {
        var d = RoiJson.Load("""{"idx":1,"type":2,"coords":[0,0,10,10],"device_id":3}""");

        Assert.Equal(3, d.DeviceLocation);
    }

    [Fact]
    public void NestedColourConfigIsLiftedWhenTopLevelKeysAreAbsent()
    {
        var roi = RoiJson.ParseOne("""
            {"idx":1,"type":4,"coords":[0,0,10,10],"color_tolerance":20,
             "color_config":{"expected_color":[255,0,0],"color_tolerance":10,"min_pixel_percentage":7.5}}
            """);

        Assert.Empty(roi.Messages);
        Assert.Equal([255, 0, 0], roi.Definition!.ExpectedColor!);
        Assert.Equal(20, roi.Definition.ColorTolerance); // top level wins
        Assert.Equal(7.5, roi.Definition.MinPixelPercentage);
        Assert.False(roi.Canonical!.ContainsKey("color_config"));
    }

    [Fact]
    public void HexExpectedColourIsStoredAsRgb()
    {
        var roi = RoiJson.ParseOne("""{"idx":1,"type":4,"coords":[0,0,10,10],"expected_color":"#FF8000"}""");

        Assert.Equal([255, 128, 0], roi.Definition!.ExpectedColor!);
        Assert.Equal("[255,128,0]", roi.Canonical!["expected_color"]!.ToJsonString());
    }

    [Fact]
    public void TwelveElementArrayCarriesAColourObject()
    {
        var d = RoiJson.Load("""
            [9,4,[0,0,10,10],305,3000,null,null,0,2,null,null,
             {"color_ranges":[{"name":"red","lower":[0,100,100],"upper":[10,255,255],"color_space":"HSV"}]}]
            """);

        var range = Assert.Single(d.ColorRanges!);
        Assert.Equal(("red", "HSV", 50.0), (range.Name, range.ColorSpace, range.Threshold));
        Assert.Equal([0.0, 100, 100], range.Lower);
        Assert.Equal(2, d.DeviceLocation);
    }

    [Fact]
    public void ElevenElementArrayReadsDeviceBarcodeFlagAndText()
    {
        var d = RoiJson.Load("""[2,1,[0,0,10,10],250,900,null,null,180,4,"ABC",true]""");

        Assert.Equal((250, 900, 180, 4, "ABC", (bool?)true),
            (d.Focus, d.Exposure, d.Rotation, d.DeviceLocation, d.ExpectedText, d.IsDeviceBarcode));
    }

    [Fact]
    public void DisabledRoiIsStillListed()
    {
        var d = RoiJson.Load("""{"idx":1,"type":2,"coords":[0,0,10,10],"enabled":false}""");

        Assert.False(d.Enabled);
    }
}
