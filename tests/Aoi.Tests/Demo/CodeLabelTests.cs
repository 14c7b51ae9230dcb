using Aoi.Grains.Demo;
using Aoi.Grains.Imaging;
using Aoi.Tests.TestSupport;
using OpenCvSharp;
using ZXing;

namespace Aoi.Tests.Demo;

public sealed class CodeLabelTests
{
    [Fact]
    public void Code128LabelHasExactSizeAndDecodes()
    {
        using var label = CodeLabelRenderer.Render("ABC123", 400, 150);

        Assert.Equal((400, 150), (label.Width, label.Height));
        var result = CodeReader.Read(label);
        Assert.Equal("ABC123", result?.Text);
        Assert.Equal(BarcodeFormat.CODE_128, result?.BarcodeFormat);
    }

    [Fact]
    public void TallRectangleGetsTheCodeTurnedAndStillDecodes()
    {
        using var label = CodeLabelRenderer.Render("ABC123", 150, 400);

        Assert.Equal((150, 400), (label.Width, label.Height));
        Assert.Equal("ABC123", CodeReader.Read(label)?.Text);
    }

    [Fact]
    public void CodeThatCannotGetTwoPixelsPerModuleIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => CodeLabelRenderer.Render("20003548-0000003-1019720-101", 211, 217));
        Assert.Contains("px per module", error.Message);
    }

    [Fact]
    public void BoardBuilderPastesResizedImagesAndLabelsAtRoiCoordinates()
    {
        using var board = new BoardBuilder(800, 600);
        using var patch = new Mat(10, 20, MatType.CV_8UC3, new Scalar(0, 0, 255));
        var patchAt = new RoiRect(100, 50, 140, 70);
        var labelAt = new RoiRect(300, 300, 540, 540);

        board.Paste(patch, patchAt).AddCodeLabel(labelAt, "DEV-4", BarcodeFormat.QR_CODE);

        using var pasted = board.Crop(patchAt);
        Assert.Equal(100.0, ImageSimilarity.PercentNear(pasted, [255, 0, 0], 0));
        using var outside = board.Crop(new RoiRect(99, 49, 100, 50));
        Assert.Equal(0.0, ImageSimilarity.PercentNear(outside, [255, 0, 0], 0));
        using var label = board.Crop(labelAt);
        Assert.Equal("DEV-4", CodeReader.Read(label)?.Text);
    }
}
