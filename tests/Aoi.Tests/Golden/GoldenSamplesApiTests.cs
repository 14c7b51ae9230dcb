using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;
using Aoi.Tests.TestSupport;
using OpenCvSharp;

namespace Aoi.Tests.Golden;

/// <summary>The golden sample endpoints of spec 7.6: answers, exact error texts and statuses, cases 49 and 50.</summary>
[Collection(WebCollection.Name)]
public sealed class GoldenSamplesApiTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(string Product, string Folder)> ProductAsync(params string[] files)
    {
        var product = await CompareProduct.CreateAsync(_client);
        var folder = CompareProduct.GoldenFolder(factory, product);
        if (files.Length > 0)
        {
            GoldenFiles.Fill(folder, files);
        }

        return (product, folder);
    }

    private string RealProduct(string name)
    {
        var source = Path.Combine(Datasets.RequireFeyes(), name);
        var target = Path.Combine(factory.ProductRoot, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }

        return target;
    }

    private static MultipartFormDataContent SaveForm(string? product, string? roiId, byte[]? image, string fileName = "g.jpg")
    {
        var form = new MultipartFormDataContent();
        if (product is not null) form.Add(new StringContent(product), "product_name");
        if (roiId is not null) form.Add(new StringContent(roiId), "roi_id");
        if (image is not null)
        {
            var part = new ByteArrayContent(image);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
            form.Add(part, "golden_image", fileName);
        }

        return form;
    }

    private Task<HttpResponseMessage> DeleteJsonAsync(string json) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/golden-sample/delete")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        }, Ct);

    [Fact]
    public async Task Case49ListingsOfARealProduct()
    {
        RealProduct("20003548");

        var products = await HttpAssert.JsonAsync(await _client.GetAsync("/api/golden-sample/products", Ct));
        var list = products["products"]!.AsArray();
        Assert.Equal(list.Count, (int)products["total_products"]!);
        var names = list.Select(p => (string)p!["product_name"]!).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var real = list.Single(p => (string?)p!["product_name"] == "20003548")!;
        Assert.Equal(12, (int)real["total_rois"]!);
        Assert.Equal(["product_name", "total_rois", "total_samples", "total_size", "rois"], HttpAssert.Keys(real.AsObject()));
        var rois = real["rois"]!.AsArray().Select(r => (int)r!).ToArray();
        Assert.Equal(rois.Order(), rois);

        var samples = (await HttpAssert.JsonAsync(await _client.GetAsync("/api/golden-sample/20003548/3", Ct)))["golden_samples"]!.AsArray();
        Assert.Equal(13, samples.Count);
        Assert.Equal("best_golden.jpg", (string?)samples[0]!["name"]);
        Assert.Equal("best_golden", (string?)samples[0]!["type"]);
        Assert.True((bool)samples[0]!["is_best"]!);
        Assert.All(samples.Skip(1), s => Assert.Equal("alternative", (string?)s!["type"]));
        var rest = samples.Skip(1).Select(s => (string)s!["name"]!).ToArray();
        Assert.Equal(rest.Order(StringComparer.Ordinal), rest);
        foreach (var sample in samples.Select(s => s!.AsObject()))
        {
            Assert.Equal(["name", "type", "is_best", "created_time", "file_size", "file_path"], HttpAssert.Keys(sample));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", (string?)sample["created_time"]);
            var path = (string)sample["file_path"]!;
            Assert.Equal($"/mnt/visual-aoi-shared/golden/20003548/golden_rois/roi_3/{sample["name"]}", path);
            var served = await _client.GetAsync("/shared/" + path["/mnt/visual-aoi-shared/".Length..], Ct);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal((long)sample["file_size"]!, (await served.Content.ReadAsByteArrayAsync(Ct)).LongLength);
        }

        var withImages = (await HttpAssert.JsonAsync(await _client.GetAsync("/api/golden-sample/20003548/3?include_images=true", Ct)))["golden_samples"]!.AsArray();
        Assert.All(withImages, s => Assert.StartsWith("data:image/jpeg;base64,", (string?)s!["image_data"]));

        var metadata = await HttpAssert.JsonAsync(await _client.GetAsync("/api/golden-sample/20003548/3/metadata", Ct));
        Assert.Equal(["product_name", "roi_id", "golden_samples", "total_samples", "total_size"], HttpAssert.Keys(metadata));
        Assert.Equal(3, (int)metadata["roi_id"]!);
        Assert.Equal(13, (int)metadata["total_samples"]!);
        Assert.Equal(samples.Sum(s => (long)s!["file_size"]!), (long)metadata["total_size"]!);
        Assert.All(metadata["golden_samples"]!.AsArray(), s => Assert.Equal(["name", "type", "is_best", "created_time", "file_size"], HttpAssert.Keys(s!.AsObject())));
    }

    [Fact]
    public async Task Case50DownloadAndRestoreRefusals()
    {
        var (product, folder) = await ProductAsync("best_golden.jpg");
        File.WriteAllText(Path.Combine(factory.ProductRoot, product, "secret.txt"), "outside the ROI folder");
        var baseUrl = $"/api/golden-sample/{product}/1/download/";

        var download = await _client.GetAsync(baseUrl + "best_golden.jpg", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        using (var decoded = Cv2.ImDecode(await download.Content.ReadAsByteArrayAsync(Ct), ImreadModes.Color))
        {
            Assert.False(decoded.Empty());
        }

        await HttpAssert.ErrorAsync(await _client.GetAsync(baseUrl + "nonexistent.jpg", Ct), HttpStatusCode.NotFound, "Golden sample file not found");
        foreach (var name in new[] { "../../../etc/passwd", "..\\..\\x", "best_golden.jpg/../../s.txt", "..%2F..%2Fsecret.txt",
                     "%2E%2E%2F%2E%2E%2Fsecret.txt", "..%5C..%5Csecret.txt", "../../secret.txt", "" })
        {
            var response = await _client.GetAsync(baseUrl + name, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: {response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        await HttpAssert.ErrorAsync(await _client.GetAsync(baseUrl + "..%2F..%2Fsecret.txt", Ct), HttpStatusCode.BadRequest, "Invalid filename");
        await HttpAssert.ErrorAsync(await _client.GetAsync(baseUrl + "..%5Cx.jpg", Ct), HttpStatusCode.BadRequest, "Invalid filename");
        // The filename is checked before the product: traversal on an unknown product is still 400.
        await HttpAssert.ErrorAsync(await _client.GetAsync("/api/golden-sample/nonexistent_product/1/download/..%2Fx", Ct),
            HttpStatusCode.BadRequest, "Invalid filename");

        var restore = await HttpAssert.JsonAsync(await _client.PostJsonAsync("/api/golden-sample/restore",
            $$"""{"product_name":"{{product}}","roi_id":1,"backup_filename":"invalid_filename.jpg"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("original_", (string?)restore["error"]);
        var empty = await HttpAssert.JsonAsync(await _client.PostJsonAsync("/api/golden-sample/restore", "{}"), HttpStatusCode.BadRequest);
        Assert.Contains("required", (string?)empty["error"]);
        await HttpAssert.ErrorAsync(await _client.GetAsync("/api/golden-sample/nonexistent_product/1", Ct), HttpStatusCode.NotFound,
            "Product not found: nonexistent_product");
        Assert.Equal(["best_golden.jpg"], GoldenFiles.Names(folder));
    }

    [Fact]
    public async Task SaveErrorsHaveTheLegacyTexts()
    {
        var (product, folder) = await ProductAsync("best_golden.jpg");
        var jpeg = GoldenFiles.Jpeg(9);
        async Task Expect(HttpContent content, HttpStatusCode status, string error) =>
            await HttpAssert.ErrorAsync(await _client.PostAsync("/api/golden-sample/save", content, Ct), status, error);

        await Expect(SaveForm(null, "1", jpeg), HttpStatusCode.BadRequest, "Product name and ROI ID are required");
        await Expect(SaveForm(product, null, jpeg), HttpStatusCode.BadRequest, "Product name and ROI ID are required");
        await Expect(SaveForm(product, "1", null), HttpStatusCode.BadRequest, "No image file provided");
        var unselected = SaveForm(product, "1", null);
        var emptyPart = new ByteArrayContent([]);
        emptyPart.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"golden_image\"", FileName = "\"\"" };
        unselected.Add(emptyPart);
        await Expect(unselected, HttpStatusCode.BadRequest, "No image file selected");
        await Expect(SaveForm(product, "abc", jpeg), HttpStatusCode.BadRequest, "Invalid ROI ID");
        await Expect(SaveForm(product, "0", jpeg), HttpStatusCode.BadRequest, "Invalid ROI ID");
        await Expect(SaveForm("NoSuchProduct", "1", jpeg), HttpStatusCode.NotFound, "Product not found: NoSuchProduct");
        await Expect(SaveForm(product, "1", "not a picture"u8.ToArray()), HttpStatusCode.UnsupportedMediaType,
            "Unsupported image format or corrupt image");
        await Expect(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType,
            "Unsupported media type: application/json");

        Assert.Equal(["best_golden.jpg"], GoldenFiles.Names(folder));
    }

    [Fact]
    public async Task SaveStoresJpegAsUploadedAndReencodesPng()
    {
        var (product, folder) = await ProductAsync();
        var jpeg = GoldenFiles.Jpeg(11);

        var first = await HttpAssert.JsonAsync(await _client.PostAsync("/api/golden-sample/save", SaveForm(product, "1", jpeg), Ct));
        var second = await HttpAssert.JsonAsync(await _client.PostAsync("/api/golden-sample/save", SaveForm(product, "1", GoldenFiles.Png(12), "g.png"), Ct));

        Assert.Equal("Golden sample saved as 'best_golden.jpg' for ROI 1", (string?)first["message"]);
        Assert.Equal("", (string?)first["backup_info"]);
        var backup = Assert.Single(GoldenFiles.Names(folder), n => n != "best_golden.jpg");
        Assert.Equal($"Old golden sample backed up as '{backup}'", (string?)second["backup_info"]);
        Assert.Equal($"Golden sample saved as 'best_golden.jpg' for ROI 1. Old golden sample backed up as '{backup}'", (string?)second["message"]);
        Assert.Equal(jpeg, File.ReadAllBytes(Path.Combine(folder, backup)));
        Assert.Equal([0xFF, 0xD8, 0xFF], File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg"))[..3]);
    }

    [Fact]
    public async Task PromoteRestoreDeleteAnswersAndErrors()
    {
        var (product, folder) = await ProductAsync("best_golden.jpg", "a.jpg", "original_100_old_best.jpg");
        Task<HttpResponseMessage> Promote(string json) => _client.PostJsonAsync("/api/golden-sample/promote", json);
        Task<HttpResponseMessage> Restore(string json) => _client.PostJsonAsync("/api/golden-sample/restore", json);
        const string promoteRequired = "Product name, ROI ID, and sample name are required";

        await HttpAssert.ErrorAsync(await Promote("{}"), HttpStatusCode.BadRequest, promoteRequired);
        await HttpAssert.ErrorAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":1}"""), HttpStatusCode.BadRequest, promoteRequired);
        await HttpAssert.ErrorAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"../a.jpg"}"""), HttpStatusCode.BadRequest, "Invalid filename");
        await HttpAssert.ErrorAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":7,"sample_name":"a.jpg"}"""), HttpStatusCode.NotFound, "Golden ROI directory not found");
        await HttpAssert.ErrorAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"z.jpg"}"""), HttpStatusCode.NotFound, "Sample file not found");
        await HttpAssert.ErrorAsync(await Promote("""{"product_name":"NoSuchProduct","roi_id":1,"sample_name":"a.jpg"}"""), HttpStatusCode.NotFound, "Product not found: NoSuchProduct");
        var same = await HttpAssert.JsonAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"best_golden.jpg"}"""));
        Assert.Equal("'best_golden.jpg' promoted to best golden sample", (string?)same["message"]);
        Assert.Equal(3, GoldenFiles.Names(folder).Length);
        var promoted = await HttpAssert.JsonAsync(await Promote($$"""{"product_name":"{{product}}","roi_id":"1","sample_name":"a.jpg"}"""));
        Assert.Equal("'a.jpg' promoted to best golden sample", (string?)promoted["message"]);
        Assert.DoesNotContain("a.jpg", GoldenFiles.Names(folder));
        Assert.Equal(3, GoldenFiles.Names(folder).Length);

        await HttpAssert.ErrorAsync(await Restore("""{"product_name":"x"}"""), HttpStatusCode.BadRequest, "Product name, ROI ID, and backup filename are required");
        await HttpAssert.ErrorAsync(await Restore($$"""{"product_name":"{{product}}","roi_id":1,"backup_filename":"a.jpg"}"""), HttpStatusCode.BadRequest,
            "Invalid backup filename format. Must be original_*_old_best.jpg");
        await HttpAssert.ErrorAsync(await Restore($$"""{"product_name":"{{product}}","roi_id":1,"backup_filename":"original_/../x_old_best.jpg"}"""), HttpStatusCode.BadRequest, "Invalid filename");
        await HttpAssert.ErrorAsync(await Restore($$"""{"product_name":"{{product}}","roi_id":9,"backup_filename":"original_100_old_best.jpg"}"""), HttpStatusCode.NotFound, "Golden ROI directory not found");
        await HttpAssert.ErrorAsync(await Restore($$"""{"product_name":"{{product}}","roi_id":1,"backup_filename":"original_5_old_best.jpg"}"""), HttpStatusCode.NotFound, "Backup file 'original_5_old_best.jpg' not found");
        var restored = await HttpAssert.JsonAsync(await Restore($$"""{"product_name":"{{product}}","roi_id":1,"backup_filename":"original_100_old_best.jpg"}"""));
        Assert.Equal(["message", "restored_from", "backed_up_current"], HttpAssert.Keys(restored));
        Assert.Equal("Successfully restored 'original_100_old_best.jpg' to best golden sample", (string?)restored["message"]);
        Assert.Equal("original_100_old_best.jpg", (string?)restored["restored_from"]);
        Assert.StartsWith("Current best golden sample backed up as 'original_", (string?)restored["backed_up_current"]);
        Assert.Equal(3, GoldenFiles.Names(folder).Length);

        await HttpAssert.ErrorAsync(await DeleteJsonAsync("{}"), HttpStatusCode.BadRequest, promoteRequired);
        await HttpAssert.ErrorAsync(await DeleteJsonAsync($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"z.jpg"}"""), HttpStatusCode.NotFound, "Sample file not found");
        foreach (var name in GoldenFiles.Names(folder).Where(n => n != "best_golden.jpg"))
        {
            var deleted = await HttpAssert.JsonAsync(await DeleteJsonAsync($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"{{name}}"}"""));
            Assert.Equal($"Golden sample '{name}' deleted successfully", (string?)deleted["message"]);
        }

        await HttpAssert.ErrorAsync(await DeleteJsonAsync($$"""{"product_name":"{{product}}","roi_id":1,"sample_name":"best_golden.jpg"}"""),
            HttpStatusCode.BadRequest, "Cannot delete the only golden sample. Add alternatives first.");
        Assert.Equal(["best_golden.jpg"], GoldenFiles.Names(folder));
    }

    [Fact]
    public async Task RenameFoldersSwapsAndValidates()
    {
        var (product, _) = await ProductAsync();
        var root = Path.Combine(factory.ProductRoot, product, "golden_rois");
        GoldenFiles.Fill(Path.Combine(root, "roi_1"), "best_golden.jpg", "a.jpg");
        GoldenFiles.Fill(Path.Combine(root, "roi_2"), "best_golden.jpg");
        var one = GoldenFiles.ContentHashes(Path.Combine(root, "roi_1"));
        var two = GoldenFiles.ContentHashes(Path.Combine(root, "roi_2"));
        Task<HttpResponseMessage> Rename(string json) => _client.PostJsonAsync("/api/golden-sample/rename-folders", json);
        const string required = "Product name and ROI mapping are required";

        var swapped = await HttpAssert.JsonAsync(await Rename($$$"""{"product_name":"{{{product}}}","roi_mapping":{"1":"2","2":"1"}}"""));

        Assert.Equal("Renamed 2 golden sample folders", (string?)swapped["message"]);
        Assert.Equal(2, (int)swapped["renamed_count"]!);
        Assert.Equal(two, GoldenFiles.ContentHashes(Path.Combine(root, "roi_1")));
        Assert.Equal(one, GoldenFiles.ContentHashes(Path.Combine(root, "roi_2")));
        var none = await HttpAssert.JsonAsync(await Rename($$$"""{"product_name":"{{{product}}}","roi_mapping":{"8":9}}"""));
        Assert.Equal("No golden samples to rename", (string?)none["message"]);
        Assert.Equal(0, (int)none["renamed_count"]!);
        await HttpAssert.ErrorAsync(await Rename("{}"), HttpStatusCode.BadRequest, required);
        await HttpAssert.ErrorAsync(await Rename($$"""{"product_name":"{{product}}"}"""), HttpStatusCode.BadRequest, required);
        await HttpAssert.ErrorAsync(await Rename("""{"roi_mapping":{"1":"2"}}"""), HttpStatusCode.BadRequest, required);
        foreach (var mapping in new[] { """{"1":"3","2":"3"}""", """{"0":"1"}""", """{"1":"-2"}""", """{"x":"1"}""", """{"1":"a"}""", """[1,2]""", """{"1":null}""" })
        {
            await HttpAssert.ErrorAsync(await Rename($$$"""{"product_name":"{{{product}}}","roi_mapping":{{{mapping}}}}"""), HttpStatusCode.BadRequest, "Invalid ROI mapping");
        }

        await HttpAssert.ErrorAsync(await Rename("""{"product_name":"NoSuchProduct","roi_mapping":{"1":"2"}}"""), HttpStatusCode.NotFound, "Product not found: NoSuchProduct");
        Assert.Equal(two, GoldenFiles.ContentHashes(Path.Combine(root, "roi_1")));
    }

    [Fact]
    public async Task OldSingleGoldenStoreRoundTrip()
    {
        var (product, _) = await ProductAsync();
        var url = $"/api/products/{product}/golden/4";
        var jpeg = GoldenFiles.Jpeg(21);

        await HttpAssert.ErrorAsync(await _client.GetAsync(url, Ct), HttpStatusCode.NotFound, "Golden sample not found");
        await HttpAssert.ErrorAsync(await _client.DeleteAsync(url, Ct), HttpStatusCode.NotFound, "Golden sample not found");
        await HttpAssert.ErrorAsync(await _client.PostJsonAsync(url, "{}"), HttpStatusCode.BadRequest, "No image data provided");
        await HttpAssert.ErrorAsync(await _client.PostJsonAsync(url, """{"image":""}"""), HttpStatusCode.BadRequest, "No image data provided");
        await HttpAssert.ErrorAsync(await _client.PostJsonAsync(url, """{"image":"%%%"}"""), HttpStatusCode.BadRequest, "Invalid base64 image data");
        await HttpAssert.ErrorAsync(await _client.PostJsonAsync(url, new JsonObject { ["image"] = Convert.ToBase64String("plain text"u8.ToArray()) }),
            HttpStatusCode.UnsupportedMediaType, "Unsupported image format or corrupt image");
        await HttpAssert.ErrorAsync(await _client.GetAsync("/api/products/NoSuchProduct/golden/4", Ct), HttpStatusCode.NotFound, "Product not found: NoSuchProduct");
        await HttpAssert.ErrorAsync(await _client.GetAsync($"/api/products/{product}/golden/x", Ct), HttpStatusCode.BadRequest, "Invalid ROI ID");

        var saved = await HttpAssert.JsonAsync(await _client.PostJsonAsync(url, new JsonObject { ["image"] = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg) }));
        Assert.Equal("Golden sample saved successfully", (string?)saved["message"]);
        Assert.Equal(jpeg, File.ReadAllBytes(Path.Combine(factory.ProductRoot, product, "golden", "roi_4_golden.jpg")));
        var read = await HttpAssert.JsonAsync(await _client.GetAsync(url, Ct));
        Assert.Equal(Convert.ToBase64String(jpeg), (string?)read["image"]);
        var deleted = await HttpAssert.JsonAsync(await _client.DeleteAsync(url, Ct));
        Assert.Equal("Golden sample deleted successfully", (string?)deleted["message"]);
        await HttpAssert.ErrorAsync(await _client.GetAsync(url, Ct), HttpStatusCode.NotFound, "Golden sample not found");
    }

    [Fact]
    public async Task NewEndpointsAreInTheCatalogue()
    {
        var docs = await HttpAssert.JsonAsync(await _client.GetAsync("/api/docs", Ct));
        var listed = docs["endpoints"]!.AsArray().Select(e => $"{e!["method"]} {e["path"]}").ToHashSet();

        Assert.Contains("POST /api/golden-sample/save", listed);
        Assert.Contains("GET /api/golden-sample/products", listed);
        Assert.Contains("GET /api/golden-sample/{product}/{roiId}/download/{filename}", listed);
        Assert.Contains("DELETE /api/golden-sample/delete", listed);
        Assert.Contains("POST /api/golden-sample/rename-folders", listed);
        Assert.Contains("DELETE /api/products/{product}/golden/{roiId}", listed);
    }
}
