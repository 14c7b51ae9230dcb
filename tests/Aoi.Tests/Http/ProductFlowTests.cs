using System.Net;
using Aoi.Tests.TestSupport;

namespace Aoi.Tests.Http;

/// <summary>
/// Product endpoints end to end (spec 7.2; cases 11, 12, 13 on the HTTP side). Need ProductGrain and
/// ProductConfigStore from the products work; they fail in the web branch alone.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ProductFlowTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task SavedProductIsListedAndGroupedInFirstAppearanceOrder()
    {
        var product = await SyntheticProduct.CreateAsync(client);

        var list = await HttpAssert.JsonAsync(await client.GetAsync("/api/products", Ct));
        var entry = list["products"]!.AsArray().Single(p => (string?)p!["product_name"] == product)!;
        Assert.Equal($"{product}/rois_config_{product}.json", (string?)entry["config_file"]);
        Assert.Equal($"Product configuration for {product}", (string?)entry["description"]);
        Assert.Equal(list["products"]!.AsArray().Count, (int)list["count"]!);

        var groups = await HttpAssert.JsonAsync(await client.GetAsync($"/get_roi_groups/{product}", Ct));
        Assert.Equal(["product_name", "roi_groups", "total_groups", "total_rois"], HttpAssert.Keys(groups));
        Assert.Equal(["210,500", "230,650"], HttpAssert.Keys(groups["roi_groups"]!.AsObject()));
        var first = groups["roi_groups"]!["210,500"]!.AsObject();
        Assert.Equal(["focus", "exposure", "rois", "count"], HttpAssert.Keys(first));
        var roi = first["rois"]![0]!.AsObject();
        Assert.Equal(["idx", "type", "coords", "focus", "exposure", "ai_threshold", "feature_method", "rotation", "device_location"],
            HttpAssert.Keys(roi));
        Assert.Equal(2, (int)groups["total_rois"]!);
    }

    [Fact]
    public async Task StoredRoisAndColoursRoundTrip()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var rois = await HttpAssert.JsonAsync(await client.GetAsync($"/api/products/{product}/rois", Ct));
        Assert.Equal("[0,0,255]", rois["rois"]![1]!["expected_color"]!.ToJsonString());

        var none = await HttpAssert.JsonAsync(await client.GetAsync($"/api/products/{product}/colors", Ct));
        Assert.Equal("No color configuration found for this product", (string?)none["message"]);
        var saved = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/products/{product}/colors",
            """{"color_ranges": [{"name": "red", "lower": [0, 100, 100], "upper": [10, 255, 255], "color_space": "HSV"}]}"""));
        Assert.Equal("Saved 1 color ranges successfully", (string?)saved["message"]);
        var read = await HttpAssert.JsonAsync(await client.GetAsync($"/api/products/{product}/colors", Ct));
        Assert.Equal("red", (string?)read["color_ranges"]![0]!["name"]);
    }

    [Fact]
    public async Task InvalidRoisAre422WithMessages()
    {
        var response = await client.PostJsonAsync("/api/products/BAD-" + Guid.NewGuid().ToString("N")[..6] + "/rois",
            """{"rois": [[1, 2], {"idx": 1, "type": 9, "coords": [0, 0, 10, 10]}]}""");
        var body = await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "ROI validation failed");
        Assert.Contains(body["validation_errors"]!.AsArray(), m => ((string)m!).StartsWith("ROI 0 (idx=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownProductAnswers404()
    {
        await HttpAssert.ErrorAsync(await client.GetAsync("/get_roi_groups/NOPE-PRODUCT", Ct), HttpStatusCode.NotFound,
            "No ROIs found for product: NOPE-PRODUCT");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/products/NOPE-PRODUCT/rois", Ct), HttpStatusCode.NotFound,
            "Product not found: NOPE-PRODUCT");
    }

    [Fact]
    public async Task CreateFromTemplateAsWSendsIt()
    {
        var name = "TPL_" + Guid.NewGuid().ToString("N")[..6];
        var body = await HttpAssert.JsonAsync(await client.PostJsonAsync("/api/products/create",
            $$$"""{"product_name": "{{{name}}}", "description": "from W"}"""));
        Assert.Equal($"Product {name} created successfully with 1 device(s)", (string?)body["message"]);
        Assert.Equal(3, (int)body["total_rois"]!);
        Assert.True((bool)body["success"]!);
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/create", $$$"""{"product_name": "{{{name}}}"}"""),
            HttpStatusCode.BadRequest, "Product already exists");
    }

    [Fact]
    public async Task RealProductsGiveOneGroupWithoutDeviceBarcodeFlags() // case 12, HTTP side
    {
        var feyes = Datasets.RequireFeyes();
        foreach (var (product, key, count) in new[] { ("20003548", "230,600", 16), ("20007325", "240,700", 22) })
        {
            var folder = Directory.CreateDirectory(Path.Combine(factory.ProductRoot, product)).FullName;
            File.Copy(Path.Combine(feyes, product, $"rois_config_{product}.json"), Path.Combine(folder, $"rois_config_{product}.json"), overwrite: true);

            var groups = await HttpAssert.JsonAsync(await client.GetAsync($"/get_roi_groups/{product}", Ct));
            Assert.Equal([key], HttpAssert.Keys(groups["roi_groups"]!.AsObject()));
            var rois = groups["roi_groups"]![key]!["rois"]!.AsArray();
            Assert.Equal(count, rois.Count);
            Assert.All(rois, r => Assert.False(r!.AsObject().ContainsKey("is_device_barcode")));
        }
    }
}
