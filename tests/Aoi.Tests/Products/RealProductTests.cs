using Aoi.Grains.Products;
using Aoi.Tests.TestSupport;

namespace Aoi.Tests.Products;

/// <summary>The 9 real product folders (spec 2.5 last bullet, 8 case 12), imported into a temporary product root.</summary>
public sealed class RealProductTests : IDisposable
{
    private readonly TempProductRoot _root = new();

    public void Dispose() => _root.Dispose();

    public static TheoryData<string> Products => new(Datasets.FeyesProducts);

    [Theory]
    [MemberData(nameof(Products))]
    public void ImportsAndLoadsWithoutAnyValidationMessage(string product)
    {
        var source = Path.Combine(Datasets.RequireFeyes(), product);
        var expectedGoldens = Directory.Exists(Path.Combine(source, "golden_rois"))
            ? Directory.GetFiles(Path.Combine(source, "golden_rois"), "*", SearchOption.AllDirectories).Length
            : 0;

        var imported = _root.Store.Import(product, source);

        Assert.Null(imported.Failure);
        Assert.Equal($"Imported product {product}: {imported.Count} ROIs, {expectedGoldens} golden files", imported.Message);
        var result = _root.Store.LoadSnapshot(product);
        Assert.Empty(result.ValidationErrors);
        var snapshot = result.Snapshot!;
        Assert.Equal(imported.Count, snapshot.Rois.Length);
        Assert.All(snapshot.Rois, r => Assert.Null(r.ConfigError));
        Assert.Single(CaptureGroups.Build(snapshot.Rois));
        Assert.Null(_root.Store.ReadStoredRois(product).Failure);
    }

    [Theory]
    [InlineData("20003548", "230,600", 16)]
    [InlineData("20007325", "240,700", 22)]
    public void Case12_GroupCounts(string product, string key, int count)
    {
        _root.Store.Import(product, Path.Combine(Datasets.RequireFeyes(), product));

        var group = Assert.Single(CaptureGroups.Build(_root.Store.LoadSnapshot(product).Snapshot!.Rois));

        Assert.Equal(key, group.Key);
        Assert.Equal(count, group.Rois.Count);
    }

    [Fact]
    public void ColourRoisOfTheRealDataKeepTheirSettings()
    {
        _root.Store.Import("20000803", Path.Combine(Datasets.RequireFeyes(), "20000803"));

        var colour = _root.Store.LoadSnapshot("20000803").Snapshot!.Rois.Where(r => r.Type == RoiDefinition.Color).ToList();

        Assert.Equal(2, colour.Count);
        Assert.All(colour, r => Assert.Equal(3, r.ExpectedColor!.Length));
    }

    [Fact]
    public void RealConfigurationSurvivesASaveOfItsOwnStoredRois()
    {
        const string product = "20003548";
        _root.Store.Import(product, Path.Combine(Datasets.RequireFeyes(), product));
        var before = _root.Store.LoadSnapshot(product).Snapshot!.Rois;

        var saved = _root.Store.SaveRois(product, _root.Store.ReadStoredRois(product).Rois!);

        Assert.Null(saved.Failure);
        Assert.Empty(saved.DeletedRoiIndices);
        var after = _root.Store.LoadSnapshot(product).Snapshot!.Rois;
        Assert.Equal(before.Select(Describe), after.Select(Describe));
    }

    private static string Describe(RoiDefinition r) =>
        $"{r.Idx}|{r.Type}|{r.Coords}|{r.GroupKey}|{r.AiThreshold}|{r.FeatureMethod}|{r.Rotation}|{r.DeviceLocation}|{r.ExpectedText}|{r.IsDeviceBarcode}|{r.Enabled}";
}
