using Aoi.Grains.Products;

namespace Aoi.Tests.Products;

/// <summary>
/// One case per rule and message of spec 2.4. Each element sits at position 1 behind a valid ROI so the 0-based
/// position in the prefix is checked too; "fatal" marks the unusable-file rules of spec 2.5.
/// </summary>
public sealed class RoiValidationTests
{
    private const string ValidFirst = """{"idx":100,"type":2,"coords":[0,0,10,10]}""";

    [Theory]
    [InlineData("5", "ROI 1 (idx=None): ROI must be an object or an array", true)]
    [InlineData("\"text\"", "ROI 1 (idx=None): ROI must be an object or an array", true)]
    [InlineData("[1,2]", "ROI 1 (idx=1): Unsupported array length 2 (expected 3..12 elements)", true)]
    [InlineData("[1,2,[0,0,10,10],1,2,3,4,5,6,7,8,{},9]", "ROI 1 (idx=1): Unsupported array length 13 (expected 3..12 elements)", true)]
    [InlineData("""{"type":2,"coords":[0,0,10,10]}""", "ROI 1 (idx=None): Missing required field: idx", true)]
    [InlineData("""{"idx":null,"type":2,"coords":[0,0,10,10]}""", "ROI 1 (idx=None): Missing required field: idx", true)]
    [InlineData("""{"idx":7,"coords":[0,0,10,10]}""", "ROI 1 (idx=7): Missing required field: type", true)]
    [InlineData("""{"idx":7,"type":2}""", "ROI 1 (idx=7): Missing required field: coords", true)]
    [InlineData("""{"idx":1.5,"type":2,"coords":[0,0,10,10]}""", "ROI 1 (idx=1.5): Invalid field value: idx must be an integer", true)]
    [InlineData("""{"idx":7,"type":"two","coords":[0,0,10,10]}""", "ROI 1 (idx=7): Invalid field value: type must be an integer", true)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"focus":305.5}""", "ROI 1 (idx=7): Invalid field value: focus must be an integer", true)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"exposure":"fast"}""", "ROI 1 (idx=7): Invalid field value: exposure must be an integer", true)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"rotation":2.5}""", "ROI 1 (idx=7): Invalid field value: rotation must be an integer", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"device_location":true}""", "ROI 1 (idx=7): Invalid field value: device_location must be an integer", false)]
    [InlineData("""{"idx":0,"type":2,"coords":[0,0,10,10]}""", "ROI 1 (idx=0): idx must be >= 1", false)]
    [InlineData("""{"idx":100,"type":2,"coords":[0,0,10,10]}""", "ROI 1 (idx=100): Duplicate idx 100 (also at ROI 0)", true)]
    [InlineData("""["100",3,[0,0,10,10]]""", "ROI 1 (idx=100): Duplicate idx 100 (also at ROI 0)", true)]
    [InlineData("""{"idx":7,"type":5,"coords":[0,0,10,10]}""", "ROI 1 (idx=7): Invalid ROI type: 5. Must be 1 (Barcode), 2 (Compare), 3 (OCR), or 4 (Color)", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10]}""", "ROI 1 (idx=7): coords must be 4 integers [x1, y1, x2, y2]", true)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10.5,10]}""", "ROI 1 (idx=7): coords must be 4 integers [x1, y1, x2, y2]", true)]
    [InlineData("""{"idx":7,"type":2,"coords":"0,0,10,10"}""", "ROI 1 (idx=7): coords must be 4 integers [x1, y1, x2, y2]", true)]
    [InlineData("""{"idx":7,"type":2,"coords":[50,10,40,20]}""", "ROI 1 (idx=7): coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[-1,0,10,10]}""", "ROI 1 (idx=7): coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,10,10,10]}""", "ROI 1 (idx=7): coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"focus":-1}""", "ROI 1 (idx=7): focus must be an integer >= 0", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"exposure":0}""", "ROI 1 (idx=7): exposure must be an integer > 0", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"device_location":5}""", "ROI 1 (idx=7): device_location must be between 1 and 4", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"device_location":0}""", "ROI 1 (idx=7): device_location must be between 1 and 4", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"device_id":9}""", "ROI 1 (idx=7): device_location must be between 1 and 4", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"device_location":1,"device_id":2}""", "ROI 1 (idx=7): device_id (2) contradicts device_location (1)", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"rotation":45}""", "ROI 1 (idx=7): rotation must be one of 0, 90, 180, 270", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"ai_threshold":1.5}""", "ROI 1 (idx=7): ai_threshold must be between 0 and 1", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"ai_threshold":-0.1}""", "ROI 1 (idx=7): ai_threshold must be between 0 and 1", false)]
    [InlineData("""{"idx":7,"type":2,"coords":[0,0,10,10],"ai_threshold":"high"}""", "ROI 1 (idx=7): ai_threshold must be between 0 and 1", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10]}""", "ROI 1 (idx=7): Color ROI (type 4) must have 'expected_color' or 'color_ranges'", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[]}""", "ROI 1 (idx=7): Color ROI (type 4) must have 'expected_color' or 'color_ranges'", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[255,0]}""", "ROI 1 (idx=7): 'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":"red"}""", "ROI 1 (idx=7): 'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":"#FF80"}""", "ROI 1 (idx=7): 'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[256,0,0]}""", "ROI 1 (idx=7): Invalid color values: [256, 0, 0]", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[-1,0,0.5]}""", "ROI 1 (idx=7): Invalid color values: [-1, 0, 0.5]", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[1,2,3],"color_tolerance":300}""", "ROI 1 (idx=7): color_tolerance must be an integer between 0 and 255", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[1,2,3],"color_tolerance":-1}""", "ROI 1 (idx=7): color_tolerance must be an integer between 0 and 255", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"expected_color":[1,2,3],"min_pixel_percentage":100.5}""", "ROI 1 (idx=7): min_pixel_percentage must be between 0 and 100", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"lower":[0,0,0],"upper":[1,1,1]}]}""", "ROI 1 (idx=7): Color range 0 missing field: name", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","upper":[1,1,1]}]}""", "ROI 1 (idx=7): Color range 0 missing field: lower", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[1,1,1]}]}""", "ROI 1 (idx=7): Color range 0 missing field: upper", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[1,1,1],"color_space":"LAB"}]}""", "ROI 1 (idx=7): Invalid color_space for range 0. Must be RGB or HSV", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0],"upper":[1,1,1]}]}""", "ROI 1 (idx=7): Color range 0 lower must be array of 3 numbers", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[1,"x",1]}]}""", "ROI 1 (idx=7): Color range 0 upper must be array of 3 numbers", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[180,255,255],"color_space":"HSV"}]}""", "ROI 1 (idx=7): Color range 0 bounds out of range for HSV", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[256,255,255]}]}""", "ROI 1 (idx=7): Color range 0 bounds out of range for RGB", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[1,1,1]},{"name":"b","lower":[5,0,0],"upper":[4,1,1]}]}""", "ROI 1 (idx=7): Color range 1 lower must not exceed upper", false)]
    [InlineData("""{"idx":7,"type":4,"coords":[0,0,10,10],"color_ranges":[{"name":"a","lower":[0,0,0],"upper":[1,1,1],"threshold":150}]}""", "ROI 1 (idx=7): Color range 0 threshold must be between 0 and 100", false)]
    public void EachRuleGivesExactlyItsMessage(string element, string expected, bool fatal)
    {
        var list = RoiList.Parse($"[{ValidFirst},{element}]", false, 0.9);

        Assert.Equal([expected], list.Messages);
        Assert.Equal(!fatal, list.IsUsable);
        if (!fatal)
        {
            // Non-fatal problems keep the ROI listed, carrying its messages instead of silently passing.
            Assert.Equal(expected, list.Definitions[1].ConfigError);
            Assert.Null(list.Definitions[0].ConfigError);
        }
    }

    [Fact]
    public void InvalidRegularExpressionNamesTheReason()
    {
        var list = RoiList.Parse($$"""[{{ValidFirst}},{"idx":7,"type":1,"coords":[0,0,10,10],"expected_pattern":"^(2\\d{7}"}]""", false, 0.9);

        var message = Assert.Single(list.Messages);
        Assert.StartsWith("ROI 1 (idx=7): expected_pattern is not a valid regular expression: ", message);
        Assert.True(message.Length > "ROI 1 (idx=7): expected_pattern is not a valid regular expression: ".Length);
        Assert.True(list.IsUsable);
    }

    [Theory]
    [InlineData("""{"idx":7,"type":1,"coords":[0,0,10,10],"expected_pattern":"^2\\d{7}-"}""", "^2\\d{7}-")]
    [InlineData("""{"idx":7,"type":1,"coords":[0,0,10,10],"expected_pattern":"  "}""", null)]
    [InlineData("""{"idx":7,"type":1,"coords":[0,0,10,10],"expected_pattern":null}""", null)]
    public void ValidOrBlankPatternsAreAccepted(string element, string? pattern)
    {
        Assert.Equal(pattern, RoiJson.Load(element).ExpectedPattern);
    }

    [Fact]
    public void BadTypeIsListedAsUnknown()
    {
        var roi = RoiJson.ParseOne("""{"idx":7,"type":9,"coords":[0,0,10,10]}""");

        Assert.False(roi.IsFatal);
        Assert.Equal("unknown", roi.Definition!.TypeName);
        Assert.Contains("Invalid ROI type: 9", roi.Definition.ConfigError);
    }

    [Fact]
    public void SeveralProblemsOfOneRoiAreJoinedInConfigError()
    {
        var roi = RoiJson.ParseOne("""{"idx":7,"type":2,"coords":[0,0,10,10],"rotation":45,"ai_threshold":2}""");

        Assert.Equal(
            "ROI 0 (idx=7): rotation must be one of 0, 90, 180, 270; ROI 0 (idx=7): ai_threshold must be between 0 and 1",
            roi.Definition!.ConfigError);
    }

    [Fact]
    public void ProductColourFileSatisfiesTheColourRule()
    {
        var roi = RoiJson.ParseOne("""{"idx":7,"type":4,"coords":[0,0,10,10]}""", productHasColorRanges: true);

        Assert.Empty(roi.Messages);
        Assert.Null(roi.Definition!.ExpectedColor);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"rois":[]}""")]
    public void NonArrayFileIsUnusable(string json)
    {
        var list = RoiList.Parse(json, false, 0.9);

        Assert.False(list.IsUsable);
        Assert.Single(list.Messages);
    }

    [Fact]
    public void ColourKeysAreNotValidatedOnOtherTypes()
    {
        // Types 1–3 drop colour keys on save (spec 2.6), so leftovers from a type change are not errors.
        Assert.Empty(RoiJson.ParseOne("""{"idx":7,"type":2,"coords":[0,0,10,10],"expected_color":"nope"}""").Messages);
    }
}
