using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Aoi.Grains.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aoi.Tests.Browser;

/// <summary>
/// The pages in a real Chromium against the real server with the demo product: pages load cleanly, an inspection
/// shows its verdict and one box per ROI, a promote changes the best golden, the ROI editor saves and reports errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebUiTests(BrowserFixture fixture)
{
    private const string Product = "DEMO-BOARD";
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private static readonly LocatorAssertionsToHaveTextOptions LongWait = new() { Timeout = 180_000 };

    [Theory]
    [InlineData("/ui/", "product-list", null)]
    [InlineData("/ui/inspect.html?product=DEMO-BOARD", "product-select", null)]
    [InlineData("/ui/golden.html?product=DEMO-BOARD", "golden-gallery", null)]
    [InlineData("/ui/editor.html?product=DEMO-BOARD", "roi-editor-canvas", "editor")]
    [InlineData("/ui/health.html?product=DEMO-BOARD", "health-table", null)]
    [InlineData("/ui/review.html?product=DEMO-BOARD", "review-item", null)]
    [InlineData("/apidocs/", "api-operations", "api-reference")]
    public async Task PageLoadsWithoutConsoleErrors(string path, string landmark, string? screenshot)
    {
        await using var browser = await fixture.OpenAsync();
        await browser.GotoAsync(path);

        await Expect(browser.ByTestId(landmark)).ToBeVisibleAsync();
        if (path.StartsWith("/ui/", StringComparison.Ordinal) && path != "/ui/")
        {
            await Expect(browser.ByTestId("product-select")).ToHaveValueAsync(Product);
        }

        if (path == "/apidocs/")
        {
            Assert.True(await browser.ByTestId("api-operation").CountAsync() > 20);
        }

        if (screenshot is not null)
        {
            await browser.ScreenshotAsync(screenshot);
        }

        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task InspectionThroughTheUiShowsVerdictAndOneBoxPerRoi()
    {
        await using var browser = await fixture.OpenAsync();
        await browser.GotoAsync("/ui/inspect.html?product=DEMO-BOARD");
        var boxes = browser.ByTestId("roi-box");

        // Good picture chosen from the shared folder.
        await browser.ByTestId("picture-select").SelectOptionAsync(Demo.DemoPicture);
        await browser.ByTestId("run-inspection").ClickAsync();
        await Expect(browser.ByTestId("inspection-verdict")).ToHaveTextAsync("PASS", LongWait);
        Assert.Equal(Demo.RoiRects.Count, await boxes.CountAsync());
        foreach (var id in Demo.RoiRects.Keys)
        {
            await Expect(browser.Page.Locator($"[data-testid='roi-box'][data-roi-id='{id}']")).ToHaveAttributeAsync("data-passed", "true");
        }

        var device = browser.ByTestId("device-card");
        await Expect(device).ToHaveCountAsync(1);
        await Expect(device).ToContainTextAsync(Demo.BarcodeText);

        // Faulty picture uploaded from disk (multipart path of the asynchronous API).
        await browser.ByTestId("image-upload").SetInputFilesAsync(Path.Combine(fixture.Server.SharedRoot, Demo.FaultyPicture));
        await browser.ByTestId("run-inspection").ClickAsync();
        await Expect(browser.ByTestId("inspection-verdict")).ToHaveTextAsync("FAIL", LongWait);
        Assert.Equal(Demo.RoiRects.Count, await boxes.CountAsync());
        foreach (var id in Demo.RoiRects.Keys)
        {
            var expected = id == Demo.MissingPartRoiId ? "false" : "true";
            await Expect(browser.Page.Locator($"[data-testid='roi-box'][data-roi-id='{id}']")).ToHaveAttributeAsync("data-passed", expected);
        }

        // The failed ROI is selected and detailed: similarity against its threshold, crop and golden side by side.
        var detail = browser.ByTestId("roi-detail");
        await Expect(detail).ToContainTextAsync("Similarity");
        await Expect(detail).ToContainTextAsync($"{Demo.MissingPartRoiId} (compare");
        await Expect(detail.Locator("img")).ToHaveCountAsync(2);
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync("inspect");

        // Clicking a passing box zooms to it; its crop can become the ROI's best golden.
        var saved = Demo.CompareRoiIds.Last(id => id != Demo.MissingPartRoiId);
        var goldenFolder = Path.Combine(fixture.Server.ProductRoot, Product, "golden_rois", $"roi_{saved}");
        var goldensBefore = Directory.GetFiles(goldenFolder, "*.jpg").Length;
        await browser.Page.Locator($"[data-testid='roi-box'][data-roi-id='{saved}']").ClickAsync();
        await Expect(browser.Page.Locator("#zoom-out")).ToBeEnabledAsync();
        await Expect(detail).ToContainTextAsync($"{saved} (compare");
        await browser.ByTestId("save-crop-as-golden").ClickAsync();
        await Expect(detail).ToContainTextAsync($"Golden sample saved as 'best_golden.jpg' for ROI {saved}");
        Assert.Equal(goldensBefore + 1, Directory.GetFiles(goldenFolder, "*.jpg").Length);
        Assert.Empty(browser.Errors);

        await browser.GotoAsync("/ui/");
        var recent = browser.ByTestId("recent-inspections");
        await Expect(recent).ToContainTextAsync("PASS");
        await Expect(recent).ToContainTextAsync("FAIL");
        await browser.ScreenshotAsync("overview");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task GoldenPromoteThroughTheUiChangesTheBestGolden()
    {
        var roi = Demo.CompareRoiIds.First(id => id != Demo.MissingPartRoiId);
        var folder = Path.Combine(fixture.Server.ProductRoot, Product, "golden_rois", $"roi_{roi}");
        var best = Path.Combine(folder, "best_golden.jpg");
        var alternative = Directory.GetFiles(folder, "*.jpg").Select(Path.GetFileName).Where(n => n != "best_golden.jpg")
            .Order(StringComparer.Ordinal).First()!;
        var alternativeHash = Hash(Path.Combine(folder, alternative));
        var oldBestHash = Hash(best);
        Assert.NotEqual(oldBestHash, alternativeHash);

        await using var browser = await fixture.OpenAsync();
        await browser.GotoAsync($"/ui/golden.html?product={Product}&roi={roi}");
        var gallery = browser.ByTestId("golden-gallery");
        var card = gallery.Locator($"[data-testid='golden-sample'][data-name='{alternative}']");
        await Expect(card).ToHaveAttributeAsync("data-best", "false");
        await card.Locator("[data-testid='promote-golden']").ClickAsync();

        await Expect(browser.ByTestId("golden-message")).ToContainTextAsync("promoted to best golden sample");
        await Expect(gallery.Locator($"[data-testid='golden-sample'][data-name='{alternative}']")).ToHaveCountAsync(0);
        await Expect(gallery.Locator("[data-testid='golden-sample'][data-best='true']")).ToHaveCountAsync(1);
        Assert.Equal(alternativeHash, Hash(best));
        Assert.Contains(Directory.GetFiles(folder, "original_*_old_best.jpg"), f => Hash(f) == oldBestHash);

        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync("golden");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task RoiEditorSavesAnEditedRoiAndShowsAValidationErrorForABadOne()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var product = "UI-EDITOR-" + Guid.NewGuid().ToString("N")[..6];
        using (var created = await http.PostAsJsonAsync("/api/products/create", new { product_name = product, num_devices = 1 }, ct))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        }

        await using var browser = await fixture.OpenAsync();
        await browser.GotoAsync($"/ui/editor.html?product={product}");
        var page = browser.Page;
        var rows = page.Locator("#list tr");
        await Expect(rows).ToHaveCountAsync(3);

        // The template's compare ROI is idx 2 at [100,150,200,250] on a plain 1000-pixel-wide frame.
        await page.Locator("#list tr[data-idx='2']").ClickAsync();
        await page.Locator("[data-field='ai_threshold']").FillAsync("0.75");
        var canvas = await browser.ByTestId("roi-editor-canvas").BoundingBoxAsync();
        var perPixel = canvas!.Width / 1000;
        await page.Mouse.MoveAsync(canvas.X + 150 * perPixel, canvas.Y + 200 * perPixel);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(canvas.X + 200 * perPixel, canvas.Y + 200 * perPixel, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.MoveAsync(canvas.X + 250 * perPixel, canvas.Y + 200 * perPixel, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.UpAsync();

        await browser.ByTestId("save-rois").ClickAsync();
        await Expect(browser.ByTestId("editor-message")).ToContainTextAsync("Saved 3 ROIs successfully");
        var saved = await SavedRoiAsync(http, product, 2, ct);
        Assert.Equal(0.75, (double)saved["ai_threshold"]!);
        var coords = saved["coords"]!.AsArray().Select(v => (int)v!).ToArray();
        Assert.Equal([150, 250], new[] { coords[1], coords[3] });
        Assert.InRange(coords[0], 190, 210);
        Assert.Equal(100, coords[2] - coords[0]);

        // Out of range: shown inline at once, then refused by the server and shown at the ROI.
        await page.Locator("#list tr[data-idx='2']").ClickAsync();
        await page.Locator("[data-field='ai_threshold']").FillAsync("1.5");
        await Expect(page.Locator("[data-error-for='ai_threshold']")).ToHaveTextAsync("ai_threshold must be between 0 and 1");
        await browser.ByTestId("save-rois").ClickAsync();
        await Expect(browser.ByTestId("editor-message")).ToContainTextAsync("ROI validation failed");
        await Expect(browser.ByTestId("server-errors")).ToContainTextAsync("server: ai_threshold must be between 0 and 1");
        await Expect(page.Locator("#list tr[data-idx='2'] [data-testid='roi-errors']")).ToContainTextAsync("ai_threshold must be between 0 and 1");
        Assert.Equal(0.75, (double)(await SavedRoiAsync(http, product, 2, ct))["ai_threshold"]!);
        await browser.ScreenshotAsync("editor-validation");

        // Drawing on empty space adds a ROI with the next idx.
        await page.Mouse.MoveAsync(canvas.X + 600 * perPixel, canvas.Y + 400 * perPixel);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(canvas.X + 700 * perPixel, canvas.Y + 480 * perPixel, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.Locator("#list tr[data-idx='4']")).ToHaveCountAsync(1);
        await Expect(browser.ByTestId("capture-groups")).ToContainTextAsync("305,1200");

        // The refused save is logged by the browser as a failed (422) resource load; nothing else may fail.
        Assert.DoesNotContain(browser.Errors, e => !e.Contains("422", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LibraryHealthShowsTheEvaluationAsTableAndChart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        // A cheap probe (an invalid method is refused before any work): the UI test needs the real endpoint.
        using (var probe = await http.PostAsync($"/api/products/{Product}/evaluate", JsonContent.Create(new { method = "probe" }), ct))
        {
            var text = await probe.Content.ReadAsStringAsync(ct);
            Assert.SkipWhen(probe.StatusCode == System.Net.HttpStatusCode.NotFound && text.Contains("\"Not found\"", StringComparison.Ordinal),
                "POST /api/products/{p}/evaluate is not part of this build");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, probe.StatusCode);
        }

        await using var browser = await fixture.OpenAsync();
        await browser.GotoAsync($"/ui/health.html?product={Product}");
        await browser.ByTestId("run-evaluation").ClickAsync();
        await Expect(browser.Page.Locator("#rows tr")).ToHaveCountAsync(Demo.CompareRoiIds.Count, new() { Timeout = 600_000 });
        await Expect(browser.Page.Locator("[data-testid='health-chart'] g[data-roi-id]")).ToHaveCountAsync(Demo.CompareRoiIds.Count);
        await browser.ScreenshotAsync("health");
        Assert.Empty(browser.Errors);
    }

    private static async Task<JsonObject> SavedRoiAsync(HttpClient http, string product, int idx, CancellationToken ct)
    {
        var body = JsonNode.Parse(await http.GetStringAsync($"/api/products/{product}/rois", ct))!;
        return body["rois"]!.AsArray().Select(r => r!.AsObject()).Single(r => (int)r["idx"]! == idx);
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
