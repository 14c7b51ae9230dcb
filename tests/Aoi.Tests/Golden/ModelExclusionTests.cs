using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Golden;

/// <summary>
/// Teach time (issue 11 item 4): a golden that contradicts its library is accepted by the legacy save (the file is
/// kept) but left out of the ROI's compare model, and the answer says which and why.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ModelExclusionTests(AoiWebFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ABlurredGoldenIsKeptAsTheReferenceAndLeftOutOfTheModelOnceItIsAnAlternative()
    {
        var product = await CompareProduct.CreateAsync(_client);
        var folder = CompareProduct.GoldenFolder(factory, product);
        Directory.CreateDirectory(folder);
        using var pattern = CompareProduct.Pattern(1);
        for (var i = 0; i < 5; i++)
        {
            using var shifted = new Mat();
            using var shift = Mat.Eye(2, 3, MatType.CV_64FC1).ToMat();
            shift.Set(0, 2, (double)(i % 3 - 1));
            shift.Set(1, 2, (double)(i / 3));
            Cv2.WarpAffine(pattern, shifted, shift, pattern.Size(), InterpolationFlags.Linear, BorderTypes.Reflect);
            Cv2.ImWrite(Path.Combine(folder, i == 0 ? "best_golden.jpg" : $"177000000000{i}_golden_sample.jpg"), shifted);
        }

        using var blurred = new Mat();
        Cv2.GaussianBlur(pattern, blurred, new Size(0, 0), 6);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(product), "product_name" },
            { new StringContent(CompareProduct.RoiIdx.ToString()), "roi_id" },
        };
        var image = new ByteArrayContent(blurred.ImEncode(".jpg"));
        image.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(image, "golden_image", "blurred.jpg");

        // Saved as the best golden, it is the engineer's reference: kept in the model (a board showing it must pass).
        var saved = await HttpAssert.JsonAsync(await _client.PostAsync("/api/golden-sample/save", form, Ct));
        Assert.StartsWith("Golden sample saved as 'best_golden.jpg'", (string?)saved["message"]);
        Assert.DoesNotContain("best_golden.jpg", saved["model_exclusions"]?.AsArray().Select(e => (string?)e!["file"]) ?? []);

        // A clean upload takes its place; the blurred one, now an alternative, is kept as a file but left out of the
        // model with the reason.
        using var clean = new MultipartFormDataContent
        {
            { new StringContent(product), "product_name" },
            { new StringContent(CompareProduct.RoiIdx.ToString()), "roi_id" },
        };
        var cleanImage = new ByteArrayContent(pattern.ImEncode(".jpg"));
        cleanImage.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        clean.Add(cleanImage, "golden_image", "clean.jpg");
        var second = await HttpAssert.JsonAsync(await _client.PostAsync("/api/golden-sample/save", clean, Ct));
        var excluded = Assert.Single(second["model_exclusions"]!.AsArray());
        var file = (string?)excluded!["file"];
        Assert.NotEqual("best_golden.jpg", file);
        Assert.StartsWith("blurred", (string?)excluded["reason"]);
        Assert.True(File.Exists(Path.Combine(folder, file!)), "the backed-up blurred golden is kept as a file");
    }
}
