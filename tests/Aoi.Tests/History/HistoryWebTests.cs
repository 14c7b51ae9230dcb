using System.Net;
using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Tests.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aoi.Tests.History;

/// <summary>
/// History through the real front end and co-hosted silo on SQLite: inspect, then find the board by barcode with
/// the kept crop, export CSV, read yield, scrape /metrics.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HistoryWebTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    private static string DataUrl(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);

    private async Task<JsonObject> InspectAsync(string session, byte[] jpeg, string barcode) =>
        await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = DataUrl(jpeg), ["device_barcodes"] = new JsonObject { ["1"] = barcode } }));

    /// <summary>Waits for the buffered writer to store the inspection (an explicit condition, no fixed sleep).</summary>
    private async Task<JsonObject> WaitForAsync(string query, int total)
    {
        while (true)
        {
            var page = await HttpAssert.JsonAsync(await client.GetAsync($"/api/inspections?{query}", Ct));
            if ((long)page["total"]! >= total)
            {
                return page;
            }

            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task HistoryAnswersByBarcodeWithTheKeptCropAfterTheSessionOverwroteIt()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);
        var barcode = "HIST-" + Guid.NewGuid().ToString("N")[..10];

        var ng = await InspectAsync(session, SyntheticProduct.BlackImage(), barcode);
        Assert.False((bool)ng["overall_result"]!["passed"]!);
        var ngCrop = await client.GetByteArrayAsync($"/shared/sessions/{session}/output/roi_1.jpg", Ct);
        // The next inspection of the session overwrites roi_1.jpg; the history must keep the first one.
        var ok = await InspectAsync(session, SyntheticProduct.GoodImage(), barcode + "-OK");
        Assert.True((bool)ok["overall_result"]!["passed"]!);
        Assert.NotEqual(ngCrop, await client.GetByteArrayAsync($"/shared/sessions/{session}/output/roi_1.jpg", Ct));

        var page = await WaitForAsync($"barcode={barcode}", 1);
        var item = Assert.IsType<JsonObject>(Assert.Single(page["items"]!.AsArray()));
        Assert.Equal(1, (long)page["total"]!);
        Assert.Equal(1, (int)page["page"]!);
        Assert.Equal(product, (string?)item["product"]);
        Assert.Equal(session, (string?)item["session_id"]);
        Assert.Equal("station-7", (string?)item["station"]);
        Assert.Equal("fail", (string?)item["verdict"]);
        Assert.Equal(barcode, (string?)item["devices"]![0]!["barcode"]);
        Assert.True((bool)item["images_kept"]!);

        var detail = await HttpAssert.JsonAsync(await client.GetAsync((string)item["url"]!, Ct));
        Assert.Equal("line 3", (string?)detail["client_info"]!["location"]);
        var rois = detail["roi_results"]!.AsArray();
        Assert.Equal([1, 2], rois.Select(r => (int)r!["roi_id"]!));
        Assert.All(rois, r => Assert.False((bool)r!["passed"]!));
        Assert.Equal("color", (string?)rois[0]!["roi_type_name"]);
        Assert.NotNull(rois[0]!["score"]);
        var imageUrl = (string)rois[0]!["image_url"]!;
        Assert.StartsWith($"/history-images/{DateTime.Now:yyyy-MM-dd}/{product}/{barcode}/{item["id"]}/roi_1.jpg", imageUrl);

        var image = await client.GetAsync(imageUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ngCrop, await image.Content.ReadAsByteArrayAsync(Ct));

        // Same filters as CSV; the OK inspection is found under its own barcode and by verdict.
        await WaitForAsync($"product={product}", 2);
        var csv = await client.GetAsync($"/api/inspections?product={product}&verdict=fail&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HistoryCsvHeader, lines[0]);
        Assert.Equal((string)item["id"]!, Assert.Single(lines.Skip(1)).Split(',')[0]);
        var passed = await HttpAssert.JsonAsync(await client.GetAsync($"/api/inspections?product={product}&verdict=pass", Ct));
        Assert.Equal(barcode + "-OK", (string?)passed["items"]![0]!["devices"]![0]!["barcode"]);

        var yield = await HttpAssert.JsonAsync(await client.GetAsync($"/api/yield?product={product}", Ct));
        Assert.Equal(2, (long)yield["products"]![0]!["inspections"]!);
        Assert.Equal(0.5, (double)yield["products"]![0]!["pass_rate"]!);
        Assert.Equal(2, yield["top_failing"]!.AsArray().Count);
    }

    private const string HistoryCsvHeader = Aoi.Web.Apis.HistoryCsv.Header;

    [Fact]
    public async Task MetricsAreScrapeableAfterAnInspection()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);
        await InspectAsync(session, SyntheticProduct.BlackImage(), "MET-1");

        var metrics = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync(Ct);
        Assert.Matches("""(?m)^aoi_inspections_total\{[^}]*verdict="fail"[^}]*\} [1-9]""", text);
        Assert.Matches("""(?m)^aoi_inspection_duration_seconds_bucket\{""", text);
        Assert.Matches("""(?m)^aoi_roi_duration_seconds_bucket\{[^}]*roi_type="color""", text);
        Assert.Matches("""(?m)^aoi_engine_errors_total|^aoi_history_queue_depth""", text);
        Assert.Contains("aoi_history_queue_depth", text);
    }

    [Fact]
    public async Task BadQueriesAreClear4xxAndTheAdminOpensTheDashboard()
    {
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/inspections?verdict=maybe", Ct), HttpStatusCode.BadRequest,
            "Invalid verdict: expected pass or fail");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/inspections?from=yesterday", Ct), HttpStatusCode.BadRequest,
            "Invalid from: expected an ISO 8601 date or date-time");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/inspections?page_size=0", Ct), HttpStatusCode.BadRequest,
            "Invalid page_size: expected an integer 1..500");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/spc/P1/abc", Ct), HttpStatusCode.BadRequest, "Invalid ROI ID");
        await HttpAssert.ErrorAsync(await client.GetAsync("/api/inspections/nope", Ct), HttpStatusCode.NotFound, "Inspection not found");
        await HttpAssert.ErrorAsync(await client.GetAsync("/history-images/2025-01-01/P1/no-barcode/x/roi_1.jpg", Ct), HttpStatusCode.NotFound, "File not found");
        // The factory's client is the co-hosted default's loopback admin (docs/security.md); others: AccessControlTests.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard", Ct)).StatusCode);

        var page = await client.GetAsync("/history/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>A front end whose history database never answers.</summary>
public sealed class HangingHistoryWebFactory : AoiWebFactory
{
    public HangingHistoryStore Store { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IHistoryStore>(Store)));
    }
}

public sealed class HangingHistoryTests : IAsyncLifetime
{
    private readonly HangingHistoryWebFactory factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task InspectionsStillAnswerWhileTheHistoryDatabaseHangs()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateClient();
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);
        for (var i = 0; i < 3; i++)
        {
            var answer = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
                new JsonObject { ["image"] = "data:image/jpeg;base64," + Convert.ToBase64String(SyntheticProduct.GoodImage()) }));
            Assert.True((bool)answer["overall_result"]!["passed"]!);
        }

        var inFirstBatch = await factory.Store.WriteEntered.WaitAsync(ct);
        var writer = factory.Services.GetRequiredService<BufferedHistoryWriter>();
        Assert.Equal(0, writer.Written);
        Assert.Equal(3 - inFirstBatch, writer.Depth); // the later records wait behind the hanging write
    }
}
