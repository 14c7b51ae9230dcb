using System.Text.Json.Nodes;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Valid but unusual encodings a station might send are decoded to 8-bit BGR and really inspected (spec 3.1 step 1):
/// grey, 16-bit, alpha, CMYK JPEG and WebP. Verdicts come from the colour engine on the decoded pixels.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class UnusualPictureTests(HardeningServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> InspectAsync(byte[] picture)
    {
        var json = new JsonObject { ["image"] = Convert.ToBase64String(picture) };
        return await HttpAssert.JsonAsync(await server.Client.PostJsonAsync($"/api/session/{server.Session}/inspect", json));
    }

    private static byte[] Board(MatType type, Scalar background, Scalar red, Scalar blue, string extension)
    {
        using var canvas = new Mat(SyntheticProduct.Height, SyntheticProduct.Width, type, background);
        canvas.Rectangle(SyntheticProduct.RedBox, red, -1);
        canvas.Rectangle(SyntheticProduct.BlueBox, blue, -1);
        return HostileImages.Encode(extension, canvas);
    }

    [Fact]
    public async Task SixteenBitPngIsScaledAndPasses()
    {
        var result = await InspectAsync(Board(MatType.CV_16UC3, Scalar.All(0), new Scalar(0, 0, 65535), new Scalar(65535, 0, 0), ".png"));
        Assert.True((bool)result["overall_result"]!["passed"]!, result.ToJsonString());
    }

    [Fact]
    public async Task AlphaPngKeepsItsColoursAndPasses()
    {
        var result = await InspectAsync(Board(MatType.CV_8UC4, new Scalar(0, 0, 0, 255), new Scalar(0, 0, 255, 128), new Scalar(255, 0, 0, 10), ".png"));
        Assert.True((bool)result["overall_result"]!["passed"]!, result.ToJsonString());
    }

    [Fact]
    public async Task GreyJpegIsInspectedAndFailsTheColourRois()
    {
        var result = await InspectAsync(Board(MatType.CV_8UC1, Scalar.All(0), Scalar.All(200), Scalar.All(90), ".jpg"));
        var rois = result["roi_results"]!.AsArray();
        Assert.Equal(2, rois.Count);
        Assert.All(rois, r => Assert.False((bool)r!["passed"]!));
        Assert.All(rois, r => Assert.Null(r!["error"]));
    }

    [Fact]
    public async Task WebPIsDecodedThroughItsHeader()
    {
        var webp = Board(MatType.CV_8UC3, Scalar.All(0), new Scalar(0, 0, 255), new Scalar(255, 0, 0), ".webp");
        Assert.Equal((SyntheticProduct.Width, SyntheticProduct.Height), ImageHeaderReader.TryReadSize(webp));
        var result = await InspectAsync(webp);
        Assert.True((bool)result["overall_result"]!["passed"]!, result.ToJsonString());
    }

    [Fact]
    public async Task CmykJpegDecodesToThreeChannels()
    {
        var cmyk = HostileImages.CmykJpeg(4, 3, 0, 200, 200, 0);
        var path = Path.Combine(server.SharedRoot, "cmyk.jpg");
        await File.WriteAllBytesAsync(path, cmyk, Ct);
        var loader = new ImageLoader(new FrameDecodeGate(Microsoft.Extensions.Options.Options.Create(new ImagingOptions())),
            Microsoft.Extensions.Options.Options.Create(new AoiOptions()));

        using (var frame = await loader.LoadAsync(new ImageInput(path, "cmyk.jpg"), Ct))
        {
            Assert.Equal((32, 24), (frame.Image.Width, frame.Image.Height));
            Assert.Equal(MatType.CV_8UC3, frame.Image.Type());
        }

        // Through the server: a 32×24 picture leaves both ROIs outside the image: failed, named, no 415 or 500.
        var result = await InspectAsync(cmyk);
        Assert.All(result["roi_results"]!.AsArray(), r => Assert.Contains("outside the image (32x24)", (string?)r!["error"]));
    }
}
