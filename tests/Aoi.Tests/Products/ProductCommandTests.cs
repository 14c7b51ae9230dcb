using System.Text.Json.Nodes;

namespace Aoi.Tests.Products;

/// <summary>Create, list, colours and import of spec 7.2 on a temporary product root.</summary>
public sealed class ProductCommandTests : IDisposable
{
    private readonly TempProductRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void CreateWritesTheTemplateExactly()
    {
        var result = _root.Store.Create("  My Board!2 ", 2, "demo");

        Assert.Null(result.Failure);
        Assert.Equal("Product MyBoard2 created successfully with 2 device(s)", result.Message);
        Assert.Equal(6, result.Count);
        Assert.True(Directory.Exists(_root.Paths.GoldenRoot("MyBoard2")));

        var rois = JsonNode.Parse(File.ReadAllText(_root.Paths.ConfigFile("MyBoard2")))!.AsArray();
        Assert.Equal(
            """{"idx":1,"type":1,"coords":[100,50,200,100],"focus":305,"exposure":1200,"ai_threshold":0.8,"feature_method":"opencv","rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":true}""",
            rois[0]!.ToJsonString());
        Assert.Equal(
            """{"idx":2,"type":2,"coords":[100,150,200,250],"focus":305,"exposure":1200,"ai_threshold":0.93,"feature_method":"mobilenet","rotation":0,"device_location":1,"expected_text":null,"is_device_barcode":false}""",
            rois[1]!.ToJsonString());
        Assert.Equal(
            """{"idx":3,"type":3,"coords":[100,300,200,350],"focus":305,"exposure":1200,"ai_threshold":0.8,"feature_method":"ocr","rotation":0,"device_location":1,"expected_text":"SAMPLE","is_device_barcode":false}""",
            rois[2]!.ToJsonString());
        Assert.Equal(
            """{"idx":6,"type":3,"coords":[200,300,300,350],"focus":305,"exposure":1200,"ai_threshold":0.8,"feature_method":"ocr","rotation":0,"device_location":2,"expected_text":"SAMPLE","is_device_barcode":false}""",
            rois[5]!.ToJsonString());

        var snapshot = _root.Store.LoadSnapshot("MyBoard2").Snapshot!;
        Assert.All(snapshot.Rois, r => Assert.Null(r.ConfigError));
    }

    [Theory]
    [InlineData("", 1, "Product name is required")]
    [InlineData("   ", 1, "Product name is required")]
    [InlineData("!!!", 1, "Invalid product name")]
    [InlineData("ok", 0, "num_devices must be between 1 and 4")]
    [InlineData("ok", 5, "num_devices must be between 1 and 4")]
    public void CreateRejectsBadInput(string name, int devices, string error)
    {
        var result = _root.Store.Create(name, devices, null);

        Assert.Equal((FailureKind.Invalid, error), (result.Failure?.Kind, result.Failure?.Error));
        Assert.Empty(_root.Store.ListProducts());
    }

    [Fact]
    public void CreateOfExistingProductIsRejected()
    {
        Assert.Null(_root.Store.Create("dup", 1, null).Failure);
        var before = File.ReadAllText(_root.Paths.ConfigFile("dup"));

        var again = _root.Store.Create("dup", 3, null);

        Assert.Equal((FailureKind.AlreadyExists, "Product already exists"), (again.Failure?.Kind, again.Failure?.Error));
        Assert.Equal(before, File.ReadAllText(_root.Paths.ConfigFile("dup")));
    }

    [Fact]
    public void ListProductsSortsOrdinalAndIgnoresFoldersWithoutConfig()
    {
        _root.Store.Create("b", 1, null);
        _root.Store.Create("B", 1, null);
        _root.Store.Create("a-1", 1, null);
        Directory.CreateDirectory(Path.Combine(_root.Paths.ProductRoot, "empty"));

        Assert.Equal(["B", "a-1", "b"], _root.Store.ListProducts());
    }

    [Fact]
    public void ListProductsOfMissingRootIsEmpty() => Assert.Empty(_root.Store.ListProducts());

    [Fact]
    public void ColoursWithoutFileGiveTheMessage()
    {
        _root.Store.Create("c", 1, null);

        var read = _root.Store.ReadColors("c");

        Assert.Equal((null, "[]", "No color configuration found for this product"), (read.Failure, read.Ranges!.ToJsonString(), read.Message));
        Assert.Equal(FailureKind.NotFound, _root.Store.ReadColors("unknown").Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, _root.Store.SaveColors("unknown", "[]").Failure?.Kind);
    }

    [Fact]
    public void SaveColorsWritesTheFileAndReadsBack()
    {
        _root.Store.Create("c", 1, null);

        var saved = _root.Store.SaveColors("c", """[{"name":"red","lower":[0,100,100],"upper":[10,255,255],"color_space":"HSV","threshold":40}]""");

        Assert.Equal((null, "Saved 1 color ranges successfully", 1), (saved.Failure, saved.Message, saved.Count));
        var file = JsonNode.Parse(File.ReadAllText(_root.Paths.ColorsFile("c")))!.AsObject();
        Assert.Equal(["product_name", "color_ranges", "updated_at"], file.Select(p => p.Key).ToArray());
        Assert.Equal("c", file["product_name"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", file["updated_at"]!.GetValue<string>());

        var read = _root.Store.ReadColors("c");
        Assert.Equal(
            """[{"name":"red","lower":[0,100,100],"upper":[10,255,255],"color_space":"HSV","threshold":40}]""",
            read.Ranges!.ToJsonString());
        Assert.Null(read.Message);

        // The product colour file now satisfies the colour rule for a type-4 ROI without its own configuration.
        var snapshot = _root.Store.LoadSnapshot("c");
        Assert.Single(snapshot.Snapshot!.ProductColorRanges!);
        Assert.Null(_root.Store.SaveRois("c", """[{"idx":1,"type":4,"coords":[0,0,10,10]}]""").Failure);
    }

    [Fact]
    public void SaveColorsRejectsInvalidRangesAndKeepsTheOldFile()
    {
        _root.Store.Create("c", 1, null);
        _root.Store.SaveColors("c", """[{"name":"g","lower":[0,0,0],"upper":[1,1,1]}]""");
        var before = File.ReadAllText(_root.Paths.ColorsFile("c"));

        var result = _root.Store.SaveColors("c", """[{"lower":[0,0,0],"upper":[1,1,1]},{"name":"x","lower":[0,0,0],"upper":[200,0,0],"color_space":"HSV"}]""");

        Assert.Equal((FailureKind.ValidationFailed, "Color configuration validation failed"), (result.Failure?.Kind, result.Failure?.Error));
        Assert.Equal(["Color range 0 missing field: name", "Color range 1 bounds out of range for HSV"], result.Failure!.ValidationErrors!);
        Assert.Equal(before, File.ReadAllText(_root.Paths.ColorsFile("c")));
    }

    [Fact]
    public void ImportCopiesTheLegacyFolderAsItIs()
    {
        var source = MakeLegacyFolder("L1", """[{"idx":1,"type":2,"coords":[0,0,10,10],"notes":"x"},[2,1,[0,0,5,5]]]""");

        var result = _root.Store.Import("L1", source);

        Assert.Null(result.Failure);
        Assert.Equal("Imported product L1: 2 ROIs, 2 golden files", result.Message);
        Assert.Equal(2, result.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "rois_config_L1.json")), File.ReadAllBytes(_root.Paths.ConfigFile("L1")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "golden_rois", "roi_1", "best_golden.jpg")),
            File.ReadAllBytes(Path.Combine(_root.Paths.GoldenFolder("L1", 1), "best_golden.jpg")));
        Assert.True(File.Exists(Path.Combine(_root.Paths.ProductFolder("L1"), "golden", "roi_1_golden.jpg")));
        Assert.True(File.Exists(_root.Paths.ColorsFile("L1")));
        Assert.False(File.Exists(Path.Combine(_root.Paths.ProductFolder("L1"), "unrelated.txt")));
        Assert.Equal(["L1"], _root.Store.ListProducts());
        Assert.Single(Directory.GetDirectories(_root.Paths.ProductRoot)); // no staging folder left
    }

    [Fact]
    public void ImportOfExistingProductIs409AndChangesNothing()
    {
        var source = MakeLegacyFolder("L1", """[{"idx":1,"type":2,"coords":[0,0,10,10]}]""");
        _root.Store.Create("L1", 1, null);
        var before = _root.FolderFingerprint("L1");

        var result = _root.Store.Import("L1", source);

        Assert.Equal((FailureKind.AlreadyExists, "Product already exists: L1"), (result.Failure?.Kind, result.Failure?.Error));
        Assert.Equal(before, _root.FolderFingerprint("L1"));
    }

    [Fact]
    public void ImportOfUnusableConfigIs422AndCopiesNothing()
    {
        var source = MakeLegacyFolder("L1", """[{"idx":1,"type":2}]""");

        var result = _root.Store.Import("L1", source);

        Assert.Equal((FailureKind.ValidationFailed, "ROI configuration invalid"), (result.Failure?.Kind, result.Failure?.Error));
        Assert.Equal(["ROI 0 (idx=1): Missing required field: coords"], result.Failure!.ValidationErrors!);
        Assert.False(Directory.Exists(_root.Paths.ProductFolder("L1")));
    }

    [Fact]
    public void ImportWithoutSourceConfigIs404()
    {
        var result = _root.Store.Import("L1", Path.Combine(_root.DataRoot, "missing"));

        Assert.Equal(FailureKind.NotFound, result.Failure?.Kind);
        Assert.Empty(_root.Store.ListProducts());
    }

    private string MakeLegacyFolder(string product, string config)
    {
        var source = Path.Combine(_root.DataRoot, "legacy", product);
        Directory.CreateDirectory(Path.Combine(source, "golden_rois", "roi_1"));
        Directory.CreateDirectory(Path.Combine(source, "golden"));
        File.WriteAllText(Path.Combine(source, $"rois_config_{product}.json"), config);
        File.WriteAllBytes(Path.Combine(source, "golden_rois", "roi_1", "best_golden.jpg"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(source, "golden_rois", "roi_1", "1766371243383_golden_sample.jpg"), [4, 5]);
        File.WriteAllBytes(Path.Combine(source, "golden", "roi_1_golden.jpg"), [6]);
        File.WriteAllText(Path.Combine(source, $"colors_config_{product}.json"), """{"product_name":"x","color_ranges":[]}""");
        File.WriteAllText(Path.Combine(source, "unrelated.txt"), "not part of a product");
        return source;
    }
}
