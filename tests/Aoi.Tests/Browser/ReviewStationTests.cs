using System.Diagnostics;
using System.Text.Json.Nodes;
using Aoi.Grains.Demo;
using Aoi.Tests.Http;
using Aoi.Tests.Review;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aoi.Tests.Browser;

/// <summary>
/// The review station in Chromium, keyboard only: ten failed ROIs of four boards (two good boards with slightly turned
/// parts under dim light, two boards missing the small IC) are reviewed; the learned false calls grow the libraries,
/// the same pictures then pass those ROIs, the confirmed missing part stays failed, and learning the second
/// missing-part board is refused with 409 on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewStationTests(BrowserFixture fixture)
{
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private static readonly int[] TurnedRois = [2, 4, 5];

    [Fact]
    public async Task TenFailedRoisReviewedByKeyboardLearnTheFalseCallsAndKeepTheMissingPartFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var browser = await fixture.OpenAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var review = new ReviewClient(http);
        var product = await ImportDemoCopyAsync(http, ct);
        string Board(string name) => Path.Combine(fixture.Server.SharedRoot, "review", product, name);
        string Client(string file) => "/mnt/visual-aoi-shared/" + Path.GetRelativePath(fixture.Server.SharedRoot, file).Replace('\\', '/');
        var pictures = new[]
        {
            Client(ReviewBoards.WriteMissingPart(Board("missing_2.jpg"), ReviewBoards.SecondCapture)),
            Client(ReviewBoards.WriteTurnedParts(Board("turned_a.jpg"), -ReviewBoards.FalseCallDegrees, ReviewBoards.DarkCapture, TurnedRois)),
            Client(ReviewBoards.WriteTurnedParts(Board("turned_b.jpg"), ReviewBoards.FalseCallDegrees, ReviewBoards.OtherDarkCapture, TurnedRois)),
            Client(ReviewBoards.WriteMissingPart(Board("missing_1.jpg"), ReviewBoards.FirstCapture)),
        };

        // Inspected oldest first; the queue shows the newest first: missing_1, turned_b, turned_a, missing_2.
        var session = await review.OpenSessionAsync(product);
        var ids = new List<string>();
        var failed = 0;
        foreach (var picture in pictures)
        {
            var (answer, id) = await review.InspectAsync(session, product, picture);
            ids.Add(id);
            failed += ReviewClient.FailedRois(answer).Length;
        }

        var (missing2, turnedA, turnedB, missing1) = (ids[0], ids[1], ids[2], ids[3]);
        Assert.Equal(10, failed);
        var ledRoi = Demo.ColorRoiId;

        await browser.GotoAsync($"/ui/review.html?product={product}");
        var page = browser.Page;
        var item = browser.ByTestId("review-item");
        var message = browser.ByTestId("review-message");
        await Expect(item).ToHaveAttributeAsync("data-inspection-id", missing1);
        await Expect(item).ToHaveAttributeAsync("data-roi-id", Demo.MissingPartRoiId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(browser.ByTestId("review-position")).ToContainTextAsync("item 1 of 10");
        await Expect(browser.ByTestId("learn-toggle")).Not.ToBeCheckedAsync();
        await Expect(browser.ByTestId("board-roi")).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("l");
        await Expect(browser.ByTestId("learn-toggle")).ToBeCheckedAsync();

        // D on the missing part, then F on each false call; every verdict brings the next item at once.
        var expected = new List<(string Id, int Roi, string Key)> { (missing1, Demo.MissingPartRoiId, "d") };
        foreach (var id in new[] { turnedB, turnedA })
        {
            expected.AddRange(TurnedRois.Append(ledRoi).Order().Select(roi => (id, roi, "f")));
        }

        var clock = Stopwatch.StartNew();
        var times = new List<double>();
        foreach (var (id, roi, key) in expected)
        {
            await ExpectItemAsync(item, id, roi);
            var started = clock.Elapsed;
            await page.Keyboard.PressAsync(key);
            await WaitForOtherItemAsync(page, id, roi);
            times.Add((clock.Elapsed - started).TotalMilliseconds);
            await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bok\\b"));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"verdict to next item: {string.Join(", ", times.Select(t => $"{t:F0} ms"))}");

        // The second missing-part board, taken for a false call with learning on: refused, named, still on screen.
        await ExpectItemAsync(item, missing2, Demo.MissingPartRoiId);
        await page.Keyboard.PressAsync("f");
        // The refusal comes from judging the confirmed defect against the proposed library (a model build on the
        // server); on a CI machine busy with other test servers it did not show within Playwright's default 5 s once.
        await Expect(message).ToContainTextAsync($"409: Learning refused: the confirmed defect of inspection {missing1}",
            new() { Timeout = 30_000 });
        await Expect(item).ToHaveAttributeAsync("data-inspection-id", missing2);
        await Expect(browser.ByTestId("review-stats")).ToContainTextAsync(product);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await browser.ScreenshotAsync("review");
        await page.Keyboard.PressAsync("d");
        await Expect(browser.ByTestId("review-position")).ToHaveTextAsync("0 unreviewed");
        Assert.Equal(0L, (long)(await review.QueueAsync(product))["total"]!);

        // The libraries grew by exactly the learned compare false calls; the colour ROI has no library to grow.
        foreach (var idx in Demo.CompareRoiIds)
        {
            var learned = Directory.GetFiles(Path.Combine(fixture.Server.ProductRoot, product, "golden_rois", $"roi_{idx}"), "learned_*.jpg")
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(TurnedRois.Contains(idx) ? new[] { $"learned_{turnedA}.jpg", $"learned_{turnedB}.jpg" }.Order(StringComparer.Ordinal).ToArray() : [],
                learned);
        }

        // The same pictures again: the learned ROIs pass, the dim LED still fails, the missing part stays failed on both boards.
        foreach (var picture in pictures)
        {
            var (answer, _) = await review.InspectAsync(session, product, picture);
            var expectedFailures = picture.Contains("missing", StringComparison.Ordinal) ? [Demo.MissingPartRoiId] : new[] { ledRoi };
            Assert.True(expectedFailures.SequenceEqual(ReviewClient.FailedRois(answer)), $"{picture}: {answer["roi_results"]!.ToJsonString()}");
        }

        var stats = await HttpAssert.JsonAsync(await http.GetAsync($"/api/review/stats?product={product}", ct));
        var totals = stats["products"]![0]!;
        Assert.Equal((8L, 2L, 10L), ((long)totals["false_calls"]!, (long)totals["confirmed_defects"]!, (long)totals["rois_reviewed"]!));
        // Eight boards: none passed first time; the two turned ones had only false calls the first time.
        Assert.Equal((8L, 0L, 2L), ((long)totals["inspections"]!, (long)totals["passed"]!, (long)totals["passed_after_review"]!));
        await browser.GotoAsync($"/history/yield.html?product={product}");
        var row = browser.Page.Locator($"[data-testid='yield-products'] tr[data-product='{product}']");
        await Expect(row).ToContainTextAsync("0.0%");
        await Expect(row.Locator("[data-testid='yield-after-review']")).ToHaveTextAsync("25.0%");

        // Only the refused verdict's 409 may show up as a failed request.
        var unexpected = browser.Errors.Where(e => !e.Contains("409", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    /// <summary>A copy of the demo product under a fresh name, so this test's queue holds only its own boards.</summary>
    private async Task<string> ImportDemoCopyAsync(HttpClient http, CancellationToken ct)
    {
        var product = "REVIEW-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var folder = Path.Combine(fixture.Server.SharedRoot, "import", product);
        new DemoProductGenerator().WriteProduct(folder);
        File.Move(Path.Combine(folder, $"rois_config_{DemoProductGenerator.ProductName}.json"), Path.Combine(folder, $"rois_config_{product}.json"));
        await HttpAssert.JsonAsync(await http.PostJsonAsync("/api/products/import", new JsonObject { ["path"] = $"/mnt/visual-aoi-shared/import/{product}" }));
        return product;
    }

    private static async Task ExpectItemAsync(ILocator item, string inspectionId, int roi)
    {
        await Expect(item).ToHaveAttributeAsync("data-inspection-id", inspectionId);
        await Expect(item).ToHaveAttributeAsync("data-roi-id", roi.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task WaitForOtherItemAsync(IPage page, string inspectionId, int roi) =>
        page.WaitForFunctionAsync(
            "([id, roi]) => { const e = document.querySelector(\"[data-testid='review-item']\"); return e.dataset.inspectionId !== id || e.dataset.roiId !== roi; }",
            new object[] { inspectionId, roi.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
