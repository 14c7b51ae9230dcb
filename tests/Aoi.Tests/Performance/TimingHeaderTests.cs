using System.Globalization;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;

namespace Aoi.Tests.Performance;

/// <summary>
/// The server-side split of an inspection reaches the client as X-Aoi-* headers (the benchmarks read them) and the
/// legacy body keeps exactly its keys.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TimingHeaderTests(AoiWebFactory factory)
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task SingleInspectionCarriesDecodeRoiPhaseAndPipelineTimes()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);
        using var response = await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = "data:image/jpeg;base64," + Convert.ToBase64String(SyntheticProduct.GoodImage()) });

        var body = await HttpAssert.JsonAsync(response);
        Assert.Equal(["roi_results", "device_summaries", "overall_result", "processing_time"], HttpAssert.Keys(body));
        var decode = Header(response, "X-Aoi-Decode-Ms");
        var roiPhase = Header(response, "X-Aoi-Roi-Phase-Ms");
        var pipeline = Header(response, "X-Aoi-Pipeline-Ms");
        Assert.True(decode > 0 && roiPhase > 0, $"decode {decode}, ROI phase {roiPhase}");
        // One decimal each: the parts can exceed the rounded whole by at most the rounding.
        Assert.True(decode + roiPhase <= pipeline + 0.1, $"decode {decode} + ROI phase {roiPhase} > pipeline {pipeline}");
    }

    private static double Header(HttpResponseMessage response, string name) =>
        double.Parse(Assert.Single(response.Headers.GetValues(name)), CultureInfo.InvariantCulture);
}
