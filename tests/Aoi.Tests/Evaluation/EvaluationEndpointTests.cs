using System.Net;
using Aoi.Tests.Http;

namespace Aoi.Tests.Evaluation;

/// <summary>POST /api/products/&lt;p&gt;/evaluate through the real web host and its co-hosted silo.</summary>
[Collection(WebCollection.Name)]
public sealed class EvaluationEndpointTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task EvaluatesASmallProductWithoutChangingIt()
    {
        var name = "EVAL-" + Guid.NewGuid().ToString("N")[..8];
        var folder = SyntheticLibrary.Create(factory.ProductRoot, name);
        var before = SyntheticLibrary.Snapshot(folder);

        // Classical: the one method that needs no model file, so the test checks the endpoint, not the model.
        var body = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/products/{name}/evaluate", """{"method": "classical"}"""));

        Assert.Equal(["product_name", "method", "rois", "totals", "confirmed"], HttpAssert.Keys(body));
        // Nothing confirmed at the review station yet (the review tests fill this part).
        Assert.Equal((0, 0, 0), ((int)body["confirmed"]!["confirmed_defects"]!, (int)body["confirmed"]!["confirmed_false_calls"]!,
            body["confirmed"]!["rois"]!.AsArray().Count));
        Assert.Equal(name, (string?)body["product_name"]);
        Assert.Equal("classical", (string?)body["method"]);
        var rois = body["rois"]!.AsArray();
        Assert.Equal([1, 2, 3], rois.Select(r => (int)r!["roi_id"]!));
        var first = rois[0]!.AsObject();
        Assert.Equal(["roi_id", "threshold", "method_name", "genuine", "unseen", "held_out", "suspects", "defects", "escapes", "false_calls", "margin",
            "suggested_threshold", "note", "suspect_goldens", "model_exclusions", "taught_count", "time_ms_per_score", "time_ms_per_model_build",
            "time_ms_total", "error"], HttpAssert.Keys(first));
        Assert.Equal(0.85, (double)first["threshold"]!);
        Assert.Equal(["min", "mean", "pass_rate", "count"], HttpAssert.Keys(first["genuine"]!.AsObject()));
        Assert.Equal(["min", "pass_rate", "count"], HttpAssert.Keys(first["unseen"]!.AsObject()));
        Assert.Equal(["missing_part", "wrong_part", "turned_180", "half_covered", "displaced"], HttpAssert.Keys(first["defects"]!.AsObject()));
        Assert.Equal(28, (int)first["genuine"]!["count"]!);
        var suspects = first["suspect_goldens"]!.AsArray().Select(s => (string)s!["file"]!).ToList();
        Assert.Contains(SyntheticLibrary.OccludedName, suspects);
        Assert.Contains(SyntheticLibrary.BlurredName, suspects);
        Assert.Equal(3, (int)body["totals"]!["rois"]!);
        Assert.True((int)body["totals"]!["defect_count"]! > 0);

        var after = SyntheticLibrary.Snapshot(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
    }

    [Fact]
    public async Task UnknownProductIs404()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/NO-SUCH-PRODUCT/evaluate", "{}"),
            HttpStatusCode.NotFound, "Product not found: NO-SUCH-PRODUCT");
    }

    [Fact]
    public async Task InvalidNameAndMethodAre400()
    {
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/.hidden/evaluate", "{}"),
            HttpStatusCode.BadRequest, "Invalid product name");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/ANY/evaluate", """{"method": "magic"}"""),
            HttpStatusCode.BadRequest, "method must be one of: configured, baseline, classical");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/api/products/ANY/evaluate", "[1]"),
            HttpStatusCode.BadRequest, "Invalid JSON body");
    }
}
