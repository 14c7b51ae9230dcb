using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OpenCvSharp;

namespace Aoi.Tests.Http;

/// <summary>
/// Inspection end to end with the request shapes of W and T (spec 7.5; cases 16, 17, 18, 40, 45, 48). Need the
/// session grains, the product store and the colour engine.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class InspectionFlowTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient client = factory.CreateClient();

    private async Task<(string Product, string Session)> OpenAsync()
    {
        var product = await SyntheticProduct.CreateAsync(client);
        return (product, await SyntheticProduct.OpenSessionAsync(client, product));
    }

    private string WriteCapture(string session, string name, byte[] jpeg)
    {
        var folder = Directory.CreateDirectory(Path.Combine(factory.SharedRoot, "sessions", session, "captures")).FullName;
        File.WriteAllBytes(Path.Combine(folder, name), jpeg);
        return $"/mnt/visual-aoi-shared/sessions/{session}/captures/{name}";
    }

    private static string DataUrl(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);

    [Fact]
    public async Task TSingleInspectionWithBase64PassesAndFailsOnTheImage()
    {
        var (_, session) = await OpenAsync();
        var good = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = DataUrl(SyntheticProduct.GoodImage()), ["device_barcodes"] = new JsonObject { ["2"] = " M " } }));

        Assert.Equal(["roi_results", "device_summaries", "overall_result", "processing_time"], HttpAssert.Keys(good));
        Assert.True((bool)good["overall_result"]!["passed"]!);
        Assert.Equal(["1", "2"], HttpAssert.Keys(good["device_summaries"]!.AsObject()));
        Assert.Equal("N/A", (string?)good["device_summaries"]!["1"]!["barcode"]);
        Assert.Equal("none", (string?)good["device_summaries"]!["1"]!["barcode_source"]);
        Assert.Equal("M", (string?)good["device_summaries"]!["2"]!["barcode"]);
        Assert.Equal("manual", (string?)good["device_summaries"]!["2"]!["barcode_source"]);

        var bad = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = DataUrl(SyntheticProduct.BlackImage()), ["device_barcode"] = "L" }));
        Assert.False((bool)bad["overall_result"]!["passed"]!);
        Assert.Equal(0, (int)bad["overall_result"]!["passed_rois"]!);
        Assert.Equal("legacy", (string?)bad["device_summaries"]!["1"]!["barcode_source"]);

        var status = await HttpAssert.JsonAsync(await client.GetAsync($"/api/session/{session}", Ct));
        Assert.Equal(2, (int)status["inspection_count"]!);
    }

    [Fact]
    public async Task Base64PrefixMultipartAndPathGiveTheSameResults() // cases 17, 18
    {
        var (_, session) = await OpenAsync();
        var jpeg = SyntheticProduct.GoodImage();
        var withPrefix = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = DataUrl(jpeg) }));
        var plain = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = Convert.ToBase64String(jpeg) }));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "image", "frame.jpg");
        form.Add(new StringContent("""[{"device_id": 1, "barcode": "X"}]"""), "device_barcodes");
        var multipart = await HttpAssert.JsonAsync(await client.PostAsync($"/api/session/{session}/inspect", form, Ct));
        var path = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image_path"] = WriteCapture(session, "frame.jpg", jpeg) }));

        var expected = SyntheticProduct.WithoutTimes(withPrefix["roi_results"]!).ToJsonString();
        Assert.Equal(expected, SyntheticProduct.WithoutTimes(plain["roi_results"]!).ToJsonString());
        Assert.Equal(expected, SyntheticProduct.WithoutTimes(multipart["roi_results"]!).ToJsonString());
        Assert.Equal(expected, SyntheticProduct.WithoutTimes(path["roi_results"]!).ToJsonString());
        Assert.Equal("X", (string?)multipart["device_summaries"]!["1"]!["barcode"]);
    }

    [Fact]
    public async Task BadImageInputsAreClientErrorsNever500() // cases 16, 17
    {
        var (_, session) = await OpenAsync();
        var url = $"/api/session/{session}/inspect";
        var outside = Path.Combine(factory.DataRoot, "outside.jpg");
        File.WriteAllBytes(outside, SyntheticProduct.GoodImage());
        File.CreateSymbolicLink(Path.Combine(factory.SharedRoot, $"evil-{session}.jpg"), outside);

        foreach (var given in new[] { "/mnt/visual-aoi-shared/../x.jpg", outside, $"/mnt/visual-aoi-shared/evil-{session}.jpg" })
        {
            await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, new JsonObject { ["image_path"] = given }),
                HttpStatusCode.BadRequest, "Invalid image path: outside shared folder");
        }

        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"image_filename": "../../x.jpg"}"""),
            HttpStatusCode.BadRequest, "Invalid image filename");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"image": "%%%"}"""),
            HttpStatusCode.BadRequest, "Invalid base64 image data");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, new JsonObject { ["image"] = Convert.ToBase64String("just text"u8.ToArray()) }),
            HttpStatusCode.UnsupportedMediaType, "Unsupported image format or corrupt image");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"image_filename": "nope.jpg"}"""),
            HttpStatusCode.NotFound, "Image file not found: nope.jpg");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, "{}"), HttpStatusCode.BadRequest, "Request data is required");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"device_barcode": "x"}"""), HttpStatusCode.BadRequest,
            "Image data is required (image_path, image_filename, image or multipart image)");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"image": "AAAA", "device_barcodes": {"x": "M"}}"""),
            HttpStatusCode.BadRequest, "Invalid device_barcodes: key 'x' is not a device id 1..4");
        await HttpAssert.ErrorAsync(await client.PostAsync(url, WebRequests.Raw("{}", "text/plain"), Ct),
            HttpStatusCode.UnsupportedMediaType, "Unsupported media type: text/plain");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync(url, """{"image": "AAA"""), HttpStatusCode.BadRequest, "Invalid JSON body");

        using var huge = new Mat(9000, 12000, MatType.CV_8UC1, Scalar.Black);
        Cv2.ImEncode(".jpg", huge, out var hugeJpeg);
        await HttpAssert.ErrorStartsWithAsync(await client.PostJsonAsync(url, new JsonObject { ["image"] = Convert.ToBase64String(hugeJpeg) }),
            HttpStatusCode.RequestEntityTooLarge, "Image too large: 12000x9000");
    }

    [Fact]
    public async Task WGroupedInspectionWithCapturesAndListBarcodes()
    {
        var (product, session) = await OpenAsync();
        var jpeg = SyntheticProduct.GoodImage();
        var body = new JsonObject
        {
            ["session_id"] = session,
            ["product"] = product,
            ["capture_time"] = "2026-03-30T14:05:09",
            ["image_width"] = SyntheticProduct.Width,
            ["image_height"] = SyntheticProduct.Height,
            ["captured_images"] = new JsonObject
            {
                ["230,650"] = new JsonObject { ["focus"] = 230, ["exposure"] = 650, ["image_path"] = WriteCapture(session, "group_230_650.jpg", jpeg), ["rois"] = new JsonArray(2) },
                ["210,500"] = new JsonObject { ["focus"] = "210", ["exposure"] = "500", ["image_path"] = WriteCapture(session, "group_210_500.jpg", jpeg) },
            },
            ["device_barcodes"] = new JsonArray(new JsonObject { ["device_id"] = 1, ["barcode"] = "D1" }),
        };

        var result = await HttpAssert.JsonAsync(await client.PostJsonAsync("/process_grouped_inspection", body));

        Assert.Equal(["session_id", "product_name", "overall_result", "group_results", "roi_results", "device_summaries",
            "processing_time", "timestamp"], HttpAssert.Keys(result));
        Assert.Equal(["230,650", "210,500"], HttpAssert.Keys(result["group_results"]!.AsObject()));
        Assert.True((bool)result["overall_result"]!["passed"]!);
        Assert.Equal([1, 2], result["roi_results"]!.AsArray().Select(r => (int)r!["roi_id"]!));
        Assert.Equal("210,500", (string?)result["roi_results"]![0]!["group"]);
        Assert.Equal("D1", (string?)result["device_summaries"]!["1"]!["barcode"]);
    }

    [Fact]
    public async Task TGroupedInspectionWithFilenamesAndAMissingGroup()
    {
        var (_, session) = await OpenAsync();
        var input = Directory.CreateDirectory(Path.Combine(factory.SharedRoot, "sessions", session, "input")).FullName;
        File.WriteAllBytes(Path.Combine(input, "capture_F210_E500.jpg"), SyntheticProduct.GoodImage());
        var body = $$$"""
            {"session_id": "{{{session}}}", "captured_images": {
               "210,500": {"focus": 210, "exposure": 500, "image_filename": "capture_F210_E500.jpg"},
               "230,650": {"focus": 230, "exposure": 650, "image_filename": "capture_F230_E650.jpg"} } }
            """;

        var result = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/grouped_inspect", body));

        var bad = result["group_results"]!["230,650"]!.AsObject();
        Assert.Equal(["focus", "exposure", "error"], HttpAssert.Keys(bad));
        Assert.Equal("Image file not found: capture_F230_E650.jpg", (string?)bad["error"]);
        Assert.False((bool)result["overall_result"]!["passed"]!);
        Assert.Equal(2, (int)result["overall_result"]!["total_rois"]!);
        Assert.Equal("Image file not found: capture_F230_E650.jpg", (string?)result["roi_results"]![1]!["error"]);
    }

    [Fact]
    public async Task GroupedRejectsEscapingPathsAndBadBarcodes() // cases 16, 40 on the grouped endpoint
    {
        var (_, session) = await OpenAsync();
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", $$$"""
            {"session_id": "{{{session}}}", "captured_images": {"210,500": {"image_path": "/mnt/visual-aoi-shared/../x.jpg"} } }
            """), HttpStatusCode.BadRequest, "Invalid image path: outside shared folder");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection", $$$"""
            {"session_id": "{{{session}}}", "captured_images": {"210,500": {"image_path": "a.jpg"}}, "device_barcodes": {"x": "M"}}
            """), HttpStatusCode.BadRequest, "Invalid device_barcodes: key 'x' is not a device id 1..4");
        await HttpAssert.ErrorAsync(await client.PostJsonAsync("/process_grouped_inspection",
            $$$"""{"session_id": "{{{session}}}", "captured_images": {}}"""), HttpStatusCode.BadRequest, "No captured images provided");
    }

    [Fact]
    public async Task OutputCropsAreServedUnderShared() // case 48
    {
        var (_, session) = await OpenAsync();
        var result = await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = DataUrl(SyntheticProduct.GoodImage()) }));

        foreach (var roi in result["roi_results"]!.AsArray())
        {
            var idx = (int)roi!["roi_id"]!;
            Assert.Equal($"/mnt/visual-aoi-shared/sessions/{session}/output/roi_{idx}.jpg", (string?)roi["roi_image_path"]);
            var response = await client.GetAsync($"/shared/sessions/{session}/output/roi_{idx}.jpg", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { NoCache: true, NoStore: true, MustRevalidate: true });
            using var crop = Cv2.ImDecode(await response.Content.ReadAsByteArrayAsync(Ct), ImreadModes.Color);
            Assert.Equal((100, 100), (crop.Width, crop.Height));
        }
    }

    [Fact]
    public async Task ConcurrentInspectionsOnOneSessionGive409() // case 45
    {
        var (_, session) = await OpenAsync();
        // A full-frame picture keeps the first inspection busy long enough to be observed as busy.
        var frame = WebRequests.Jpeg(7716, 5360, (new Rect(100, 100, 100, 100), new Scalar(0, 0, 255)));
        var framePath = WriteCapture(session, "full.jpg", frame);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var first = client.PostJsonAsync($"/api/session/{session}/inspect", new JsonObject { ["image_path"] = framePath });
            var observedBusy = false;
            while (!first.IsCompleted && !observedBusy)
            {
                var status = await HttpAssert.JsonAsync(await client.GetAsync($"/api/session/{session}", Ct));
                observedBusy = (bool)status["busy"]!;
            }

            if (observedBusy)
            {
                var second = await client.PostJsonAsync($"/api/session/{session}/inspect", new JsonObject { ["image_path"] = framePath });
                var grouped = await client.PostJsonAsync("/process_grouped_inspection",
                    $$$"""{"session_id": "{{{session}}}", "captured_images": {"210,500": {"image_path": "{{{framePath}}}"} } }""");
                Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
                await HttpAssert.ErrorAsync(second, HttpStatusCode.Conflict, "Another inspection is in progress");
                await HttpAssert.ErrorAsync(grouped, HttpStatusCode.Conflict, "Another inspection is in progress");
                return;
            }

            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        }

        Assert.Fail("the first inspection never was observed busy");
    }

    [Fact]
    public async Task TwoSessionsInspectConcurrently()
    {
        var (product, a) = await OpenAsync();
        var b = await SyntheticProduct.OpenSessionAsync(client, product);
        var body = new JsonObject { ["image"] = DataUrl(SyntheticProduct.GoodImage()) };
        var responses = await Task.WhenAll(
            client.PostJsonAsync($"/api/session/{a}/inspect", body.ToJsonString()),
            client.PostJsonAsync($"/api/session/{b}/inspect", body.ToJsonString()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }
}
