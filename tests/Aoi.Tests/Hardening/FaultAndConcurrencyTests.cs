using System.Net;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Through the real server: a full disk (the output folder is unusable) costs the output pictures, never the verdict;
/// parallel ROI-configuration saves leave exactly one complete submitted configuration and lose no golden file.
/// (Same session from two clients → 409: Http.InspectionFlowTests.ConcurrentInspectionsOnOneSessionGive409; parallel
/// golden changes on one ROI: Golden.GoldenConcurrencyTests.)
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class FaultAndConcurrencyTests(HardeningServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnwritableOutputGivesAWarningAndKeepsTheVerdict()
    {
        var session = await SyntheticProduct.OpenSessionAsync(server.Client, server.Product);
        var output = Path.Combine(server.SharedRoot, "sessions", session, "output");
        Directory.Delete(output, recursive: true);
        await File.WriteAllTextAsync(output, "a file where the output folder should be: writes fail like on a full disk", Ct);

        var result = await HttpAssert.JsonAsync(await server.Client.PostJsonAsync($"/api/session/{session}/inspect",
            """{"image_path": "/mnt/visual-aoi-shared/good.jpg"}"""));

        Assert.True((bool)result["overall_result"]!["passed"]!, result.ToJsonString());
        Assert.All(result["roi_results"]!.AsArray(), r =>
        {
            Assert.True((bool)r!["passed"]!);
            Assert.Null(r["error"]);
            Assert.Null(r["roi_image_path"]);
            Assert.StartsWith("output image not written: ", (string?)r["warning"]);
        });
    }

    [Fact]
    public async Task ParallelRoiSavesLeaveOneCompleteConfigurationAndEveryGolden()
    {
        var product = await SyntheticProduct.CreateAsync(server.Client);
        var golden = Path.Combine(server.ProductRoot, product, "golden_rois", "roi_1");
        Directory.CreateDirectory(golden);
        File.WriteAllBytes(Path.Combine(golden, "best_golden.jpg"), SyntheticProduct.GoodImage());
        var goldenBefore = RecipeState.TreeHash(golden);
        var tolerances = Enumerable.Range(11, 12).ToArray();

        var responses = await Task.WhenAll(tolerances.Select(t => server.Client.PostJsonAsync($"/api/products/{product}/rois",
            SyntheticProduct.RoisJson.Replace("\"color_tolerance\": 30", $"\"color_tolerance\": {t}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var folder = Path.Combine(server.ProductRoot, product);
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, $"rois_config_{product}.json"), Ct))!.AsArray();
        Assert.Equal([1, 2], stored.Select(r => (int)r!["idx"]!).ToArray());
        var tolerance = (int)stored[0]!["color_tolerance"]!;
        Assert.Contains(tolerance, tolerances);
        Assert.Equal(tolerance, (int)stored[1]!["color_tolerance"]!); // both ROIs from the same save
        Assert.Equal([$"rois_config_{product}.json"], Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
        Assert.Equal(goldenBefore, RecipeState.TreeHash(golden));
        var served = await HttpAssert.JsonAsync(await server.Client.GetAsync($"/api/products/{product}/rois", Ct));
        Assert.Equal(tolerance, (int)served["rois"]![0]!["color_tolerance"]!);
    }
}
