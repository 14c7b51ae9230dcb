using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aoi.Grains.Demo;
using Aoi.Tests.Demo;
using Aoi.Tests.Http;

namespace Aoi.Tests.Review;

/// <summary>
/// The review loop through the real server and the real compare engine on the seeded demo product: the queue, every
/// verdict rule, re-reviews, the history record and audit log, and the regression guard across every kind of
/// library change while a confirmed missing part must stay failed.
/// </summary>
[Collection(AoiServerHostCollection.Name)]
public sealed class ReviewLoopApiTests
{
    private const string Product = DemoProductGenerator.ProductName;
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private static readonly int Missing = Demo.MissingPartRoiId;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueueVerdictsAndReReviewsFollowTheRulesAndLandInHistoryAuditAndMetrics()
    {
        using var data = new TempFolder("review-api");
        await using var server = new AoiTestServer(data.Path, seedDemo: true);
        var review = new ReviewClient(server.CreateClient());
        var http = review.Http;
        var session = await review.OpenSessionAsync(Product);
        var (_, id) = await review.InspectAsync(session, Product, Shared(Demo.FaultyPicture));

        var queue = await review.QueueAsync(Product);
        var item = Assert.IsType<JsonObject>(Assert.Single(queue["items"]!.AsArray()));
        Assert.Equal((id, Missing, Product, Demo.BarcodeText, 1, "compare"),
            ((string)item["inspection_id"]!, (int)item["roi_id"]!, (string)item["product"]!, (string)item["barcode"]!, (int)item["device_id"]!,
                (string)item["roi_type_name"]!));
        Assert.True((double)item["ai_similarity"]! < (double)item["threshold"]!);
        Assert.Equal(Demo.RoiRects[Missing].ToArray(), item["coordinates"]!.AsArray().Select(v => (int)v!).ToArray());
        Assert.True(DateTimeOffset.Parse((string)item["inspected_at"]!) > DateTimeOffset.UtcNow.AddMinutes(-5));
        foreach (var url in new[] { (string)item["crop_url"]!, (string)item["golden_url"]! })
        {
            var image = await http.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal((1L, 1, true, false), ((long)queue["total"]!, (int)queue["page"]!, (bool)queue["may_learn"]!, (bool)queue["learn_default"]!));

        // The rules: unknown inspection or ROI → 404, a passed ROI or a bad verdict → 400, each with error.
        var defect = new JsonObject { ["verdict"] = "defect", ["defect_kind"] = "missing", ["note"] = "IC2 not placed" };
        await HttpAssert.ErrorAsync(await review.VerdictAsync("no-such-inspection", Missing, defect), HttpStatusCode.NotFound, "Inspection not found");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, 99, defect), HttpStatusCode.NotFound, $"ROI 99 not found in inspection {id}");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, Demo.BarcodeRoiId, defect), HttpStatusCode.BadRequest,
            $"ROI {Demo.BarcodeRoiId} passed: only failed ROIs are reviewed");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, Missing, new JsonObject { ["verdict"] = "maybe" }), HttpStatusCode.BadRequest,
            "verdict must be false_call or defect");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, Missing, new JsonObject { ["note"] = "x" }), HttpStatusCode.BadRequest,
            "verdict must be false_call or defect");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, Missing, new JsonObject { ["verdict"] = "false_call", ["learn"] = "yes" }),
            HttpStatusCode.BadRequest, "learn must be true or false");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, Missing, new JsonObject { ["verdict"] = "defect", ["learn"] = true }),
            HttpStatusCode.BadRequest, "learn applies to false calls only");
        await HttpAssert.ErrorAsync(await review.VerdictAsync(id, 0, defect), HttpStatusCode.BadRequest, "Invalid ROI ID");
        Assert.Equal(1L, (long)(await review.QueueAsync(Product))["total"]!);

        // A defect: stored, out of the queue, kept as a regression sample outside the history.
        var first = await review.VerdictOkAsync(id, Missing, defect);
        Assert.Equal(["review_id", "verdict", "learned", "golden_file", "reason"], HttpAssert.Keys(first).Take(5));
        Assert.Equal(("defect", false, "missing", "loopback", "admin"),
            ((string)first["verdict"]!, (bool)first["learned"]!, (string)first["defect_kind"]!, (string)first["reviewer"]!, (string)first["reviewer_role"]!));
        Assert.Null(first["golden_file"]);
        Assert.Null(first["replaced"]);
        Assert.Equal(0L, (long)(await review.QueueAsync(Product))["total"]!);
        var sample = Path.Combine(data.Path, "regression", Product, $"roi_{Missing}", id + ".jpg");
        Assert.True(File.Exists(sample));
        Assert.Contains("\"defect_kind\": \"missing\"", File.ReadAllText(Path.ChangeExtension(sample, ".json")));

        // Overturned: the false call replaces the defect (audited as such) and the regression sample goes.
        var second = await review.VerdictOkAsync(id, Missing, new JsonObject { ["verdict"] = "false_call", ["learn"] = false });
        Assert.Equal(((string)first["review_id"]!, "defect"), ((string)second["replaced"]!["review_id"]!, (string)second["replaced"]!["verdict"]!));
        Assert.False(File.Exists(sample));
        var third = await review.VerdictOkAsync(id, Missing, defect);
        Assert.True(File.Exists(sample));

        var detail = await HttpAssert.JsonAsync(await http.GetAsync($"/api/inspections/{id}", Ct));
        var roi = detail["roi_results"]!.AsArray().Single(r => (int)r!["roi_id"]! == Missing)!;
        Assert.Equal((string)third["review_id"]!, (string)roi["review"]!["review_id"]!);
        Assert.Equal(["defect", "false_call", "defect"], roi["reviews"]!.AsArray().Select(r => (string)r!["verdict"]!));
        Assert.Equal([false, false, true], roi["reviews"]!.AsArray().Select(r => (bool)r!["in_force"]!));
        Assert.Null(detail["roi_results"]!.AsArray().Single(r => (int)r!["roi_id"]! == Demo.BarcodeRoiId)!["review"]);

        var audit = await HttpAssert.JsonAsync(await http.GetAsync("/api/audit", Ct));
        var actions = audit["entries"]!.AsArray().Select(e => (string)e!["action"]!).Where(a => a.StartsWith("review ", StringComparison.Ordinal)).ToList();
        Assert.Equal([
            $"review {id} ROI {Missing}: defect (replaces false_call {second["review_id"]})",
            $"review {id} ROI {Missing}: false_call (replaces defect {first["review_id"]})",
            $"review {id} ROI {Missing}: defect",
        ], actions);

        var metrics = await (await http.GetAsync("/metrics", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Matches("""(?m)^aoi_review_verdicts_total\{[^}]*verdict="defect"[^}]*\} 2\b""", metrics);
        Assert.Matches("""(?m)^aoi_review_verdicts_total\{[^}]*verdict="false_call"[^}]*\} 1\b""", metrics);

        var stats = await HttpAssert.JsonAsync(await http.GetAsync($"/api/review/stats?product={Product}", Ct));
        var product = stats["products"]![0]!;
        Assert.Equal((1L, 0L, 0L, 6L, 1L, 1L, 1L, 0L), ((long)product["inspections"]!, (long)product["passed"]!, (long)product["passed_after_review"]!,
            (long)product["rois_inspected"]!, (long)product["rois_failed"]!, (long)product["rois_reviewed"]!, (long)product["confirmed_defects"]!,
            (long)product["false_calls"]!));
        var roiStats = stats["rois"]!.AsArray().Single(r => (int)r!["roi_id"]! == Missing)!;
        Assert.Equal((1L, 1L, 1L, 0.0, 0.0), ((long)roiStats["inspected"]!, (long)roiStats["failed"]!, (long)roiStats["confirmed_defects"]!,
            (double)roiStats["first_pass_yield"]!, (double)roiStats["yield_after_review"]!));
    }

    [Fact]
    public async Task AConfirmedMissingPartStaysFailedAfterEveryLibraryChangeAndChangesThatWouldPassItAreRefused()
    {
        using var data = new TempFolder("review-guard");
        await using var server = new AoiTestServer(data.Path, seedDemo: true);
        var review = new ReviewClient(server.CreateClient());
        var http = review.Http;
        var session = await review.OpenSessionAsync(Product);
        var secondMissing = ClientPath(ReviewBoards.WriteMissingPart(Path.Combine(server.SharedRoot, "review", "missing_2.jpg"), ReviewBoards.SecondCapture), server);
        // Turned the other way (a false call): learning this IC crop leaves the missing part below the threshold.
        var turned = ClientPath(ReviewBoards.WriteTurnedParts(Path.Combine(server.SharedRoot, "review", "turned.jpg"), -ReviewBoards.FalseCallDegrees,
            ReviewBoards.FirstCapture, [Missing]), server);
        var goldenFolder = Path.Combine(server.ProductRoot, Product, "golden_rois", $"roi_{Missing}");

        var (faulty, defectId) = await review.InspectAsync(session, Product, Shared(Demo.FaultyPicture));
        Assert.Equal([Missing], ReviewClient.FailedRois(faulty));
        await review.VerdictOkAsync(defectId, Missing, new JsonObject { ["verdict"] = "defect", ["defect_kind"] = "missing" });
        var defectCrop = Path.Combine(data.Path, "regression", Product, $"roi_{Missing}", defectId + ".jpg");

        async Task StillFailsAsync(string step)
        {
            var (answer, _) = await review.InspectAsync(session, Product, Shared(Demo.FaultyPicture));
            Assert.False(ReviewClient.RoiPassed(answer, Missing), $"the confirmed missing part passed after: {step}");
        }

        // Upload of the defect itself as the best golden: refused, naming the regression sample; nothing changes.
        var before = Files(goldenFolder);
        await HttpAssert.ErrorStartsWithAsync(await UploadAsync(http, await File.ReadAllBytesAsync(defectCrop, Ct)), HttpStatusCode.Conflict,
            $"Refused: the confirmed defect of inspection {defectId} (regression sample of ROI {Missing}) would pass");
        Assert.Equal(before, Files(goldenFolder));
        await StillFailsAsync("refused upload");

        // Ordinary changes go through the check and are made.
        var (good, goodId) = await review.InspectAsync(session, Product, Shared(Demo.DemoPicture));
        Assert.Empty(ReviewClient.FailedRois(good));
        var goodCrop = Directory.GetFiles(Path.Combine(data.Path, "history"), $"roi_{Missing}.jpg", SearchOption.AllDirectories)
            .Single(f => f.Contains(goodId, StringComparison.Ordinal));
        await HttpAssert.JsonAsync(await UploadAsync(http, await File.ReadAllBytesAsync(goodCrop, Ct)));
        await StillFailsAsync("upload");
        var backup = Directory.GetFiles(goldenFolder, "original_*_old_best.jpg").Select(Path.GetFileName).Single()!;
        var alternative = Directory.GetFiles(goldenFolder, "*_golden_sample.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!;
        await HttpAssert.JsonAsync(await http.PostJsonAsync("/api/golden-sample/promote",
            new JsonObject { ["product_name"] = Product, ["roi_id"] = Missing, ["sample_name"] = alternative }));
        await StillFailsAsync("promote");
        await HttpAssert.JsonAsync(await http.PostJsonAsync("/api/golden-sample/restore",
            new JsonObject { ["product_name"] = Product, ["roi_id"] = Missing, ["backup_filename"] = backup }));
        await StillFailsAsync("restore");
        var toDelete = Directory.GetFiles(goldenFolder, "*.jpg").Select(Path.GetFileName).Where(n => n != "best_golden.jpg").Order(StringComparer.Ordinal).Last()!;
        await HttpAssert.JsonAsync(await SendJsonAsync(http, HttpMethod.Delete, "/api/golden-sample/delete",
            new JsonObject { ["product_name"] = Product, ["roi_id"] = Missing, ["sample_name"] = toDelete }));
        await StillFailsAsync("delete");

        var (second, secondId) = await review.InspectAsync(session, Product, secondMissing);
        Assert.Equal([Missing], ReviewClient.FailedRois(second));

        // A false call is learned (the turned part); the same picture then passes; the missing part still fails.
        var (turnedAnswer, turnedId) = await review.InspectAsync(session, Product, turned);
        Assert.Contains(Missing, ReviewClient.FailedRois(turnedAnswer));
        var learned = await review.VerdictOkAsync(turnedId, Missing, new JsonObject { ["verdict"] = "false_call", ["learn"] = true });
        Assert.Equal((true, $"learned_{turnedId}.jpg"), ((bool)learned["learned"]!, (string)learned["golden_file"]!));
        Assert.True(File.Exists(Path.Combine(goldenFolder, $"learned_{turnedId}.jpg")));
        Assert.True(ReviewClient.RoiPassed((await review.InspectAsync(session, Product, turned)).Answer, Missing));
        await StillFailsAsync("learned false call");

        // Learning a crop of a second missing-part board (inspected before, waiting in the queue): 409 naming the first
        // defect's inspection; nothing learned or stored.
        before = Files(goldenFolder);
        var refused = await HttpAssert.JsonAsync(await review.VerdictAsync(secondId, Missing, new JsonObject { ["verdict"] = "false_call", ["learn"] = true }),
            HttpStatusCode.Conflict);
        Assert.Contains($"the confirmed defect of inspection {defectId}", (string)refused["reason"]!);
        Assert.Equal(refused["reason"]!.ToJsonString(), refused["error"]!.ToJsonString());
        Assert.Equal((false, defectId), ((bool)refused["learned"]!, (string)refused["regression_sample"]!));
        Assert.Equal(before, Files(goldenFolder));
        Assert.Contains((await review.QueueAsync(Product))["items"]!.AsArray(), i => (string)i!["inspection_id"]! == secondId);
        await StillFailsAsync("refused learning");

        // The evaluation report carries what people confirmed: the defect still fails, the learned false call passes.
        var evaluation = await HttpAssert.JsonAsync(await http.PostJsonAsync($"/api/products/{Product}/evaluate", new JsonObject()));
        var confirmed = evaluation["confirmed"]!;
        Assert.Equal((1, 0, 1, 0), ((int)confirmed["confirmed_defects"]!, (int)confirmed["confirmed_defect_escapes"]!,
            (int)confirmed["confirmed_false_calls"]!, (int)confirmed["confirmed_false_calls_still_failing"]!));
        var roi = confirmed["rois"]!.AsArray().Single(r => (int)r!["roi_id"]! == Missing)!;
        Assert.Equal(defectId, (string)roi["confirmed_defects"]![0]!["inspection_id"]!);
        Assert.False((bool)roi["confirmed_defects"]![0]!["passes_now"]!);
        Assert.True((bool)roi["confirmed_false_calls"]![0]!["passes_now"]!);

        // Import: the product folder gone by hand, a library that holds the defect is refused, a clean one is imported.
        Directory.Delete(Path.Combine(server.ProductRoot, Product), recursive: true);
        var import = Path.Combine(server.SharedRoot, "import", Product);
        new DemoProductGenerator().WriteProduct(import);
        var planted = Path.Combine(import, "golden_rois", $"roi_{Missing}", "zz_from_a_line_pc.jpg");
        File.Copy(defectCrop, planted);
        await HttpAssert.ErrorStartsWithAsync(await http.PostJsonAsync("/api/products/import", new JsonObject { ["path"] = Shared($"import/{Product}") }),
            HttpStatusCode.Conflict, $"Refused: the confirmed defect of inspection {defectId}");
        Assert.False(Directory.Exists(Path.Combine(server.ProductRoot, Product)));
        File.Delete(planted);
        await HttpAssert.JsonAsync(await http.PostJsonAsync("/api/products/import", new JsonObject { ["path"] = Shared($"import/{Product}") }));
        await StillFailsAsync("import");
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient http, byte[] jpeg)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(Product), "product_name" },
            { new StringContent(Missing.ToString(System.Globalization.CultureInfo.InvariantCulture)), "roi_id" },
        };
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "golden_image", "golden.jpg");
        return http.PostAsync("/api/golden-sample/save", form, Ct);
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient http, HttpMethod method, string url, JsonNode body) =>
        http.SendAsync(new HttpRequestMessage(method, url) { Content = WebRequests.Raw(body.ToJsonString(), "application/json") }, Ct);

    private static string Files(string folder) =>
        string.Join(";", Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}"));

    private static string Shared(string relative) => "/mnt/visual-aoi-shared/" + relative;

    private static string ClientPath(string file, AoiTestServer server) =>
        Shared(Path.GetRelativePath(server.SharedRoot, file).Replace('\\', '/'));
}
