using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Hardening;

/// <summary>
/// The audit log: who (key name or network with its role), when, what (endpoint, product, ROI) and before/after
/// (configuration text, golden file names with hashes) for every successful change; refused changes leave no entry.
/// </summary>
[Collection(SecuredCollection.Name)]
public sealed class AuditLogTests(SecuredWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _admin = factory.Client(SecuredWebFactory.AdminKey);

    private async Task<JsonObject[]> EntriesForAsync(string product)
    {
        var body = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/audit", Ct));
        return body["entries"]!.AsArray().Select(e => e!.AsObject()).Where(e => (string?)e["product_name"] == product).ToArray();
    }

    [Fact]
    public async Task RoiSaveRecordsWhoWhatAndTheConfigurationBeforeAndAfter()
    {
        var engineer = factory.Client(SecuredWebFactory.EngineerKey);
        var product = await SyntheticProduct.CreateAsync(engineer);
        var stored = File.ReadAllText(Path.Combine(factory.ProductRoot, product, $"rois_config_{product}.json"));
        var changed = SyntheticProduct.RoisJson.Replace("\"color_tolerance\": 30", "\"color_tolerance\": 40");
        await HttpAssert.JsonAsync(await engineer.PostJsonAsync($"/api/products/{product}/rois", changed));
        // A refused save is not a change.
        await HttpAssert.ErrorAsync(await engineer.PostJsonAsync($"/api/products/{product}/rois", """{"rois": [{"idx": 0}]}"""),
            HttpStatusCode.UnprocessableEntity, "ROI validation failed");

        var entries = await EntriesForAsync(product);

        Assert.Equal(2, entries.Length);
        var latest = entries[0];
        Assert.Equal("key:editor", (string?)latest["who"]);
        Assert.Equal("engineer", (string?)latest["role"]);
        Assert.Equal($"POST /api/products/{product}/rois", (string?)latest["action"]);
        Assert.Equal(200, (int)latest["status"]!);
        Assert.Equal(JsonNode.Parse(stored)!.ToJsonString(), latest["before"]!.ToJsonString());
        Assert.Equal(40, (int)latest["after"]![0]!["color_tolerance"]!);
        Assert.Equal(30, (int)latest["before"]![0]!["color_tolerance"]!);
        Assert.Null(entries[1]["before"]); // the first save created the product
        Assert.True(DateTimeOffset.Parse((string)latest["time"]!) >= DateTimeOffset.Parse((string)entries[1]["time"]!));
    }

    [Fact]
    public async Task GoldenChangesRecordFileNamesAndHashesAndTheNetworkCaller()
    {
        var engineer = factory.Client(SecuredWebFactory.EngineerKey);
        var product = await SyntheticProduct.CreateAsync(engineer);
        using var image = new Mat(40, 40, MatType.CV_8UC3, new Scalar(10, 200, 30));
        Cv2.ImEncode(".jpg", image, out var jpeg);
        var station = factory.Client(remote: "10.1.2.44"); // engineer network
        using var form = new MultipartFormDataContent
        {
            { new StringContent(product), "product_name" },
            { new StringContent("1"), "roi_id" },
        };
        var part = new ByteArrayContent(jpeg);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(part, "golden_image", "g.jpg");

        await HttpAssert.JsonAsync(await station.PostAsync("/api/golden-sample/save", form, Ct));

        var entry = Assert.Single(await EntriesForAsync(product), e => ((string)e["action"]!).Contains("golden-sample/save"));
        Assert.Equal("network:10.1.2.0/24", (string?)entry["who"]);
        Assert.Equal(1, (int)entry["roi_id"]!);
        Assert.Empty(entry["before"]!.AsArray());
        var after = Assert.Single(entry["after"]!.AsArray())!;
        Assert.Equal("best_golden.jpg", (string?)after["name"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)), (string?)after["sha256"]);
    }

    [Theory]
    [InlineData("from=2026-13-01", "Invalid from: expected yyyy-MM-dd or an ISO 8601 date-time")]
    [InlineData("to=yesterday", "Invalid to: expected yyyy-MM-dd or an ISO 8601 date-time")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from must not be after to")]
    [InlineData("from=2020-01-01&to=2026-01-01", "Audit range too long: at most 366 days")]
    public async Task BadRangesAre400(string query, string error) =>
        await HttpAssert.ErrorAsync(await _admin.GetAsync("/api/audit?" + query, Ct), HttpStatusCode.BadRequest, error);

    [Fact]
    public async Task RangeSelectsByTime()
    {
        var engineer = factory.Client(SecuredWebFactory.EngineerKey);
        var product = await SyntheticProduct.CreateAsync(engineer);
        var today = DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var longAgo = "2020-01-01";

        var inRange = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/audit?from={today}&to={today}", Ct));
        var outOfRange = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/audit?from={longAgo}&to={longAgo}", Ct));

        Assert.Contains(inRange["entries"]!.AsArray(), e => (string?)e!["product_name"] == product);
        Assert.Empty(outOfRange["entries"]!.AsArray());
    }
}
