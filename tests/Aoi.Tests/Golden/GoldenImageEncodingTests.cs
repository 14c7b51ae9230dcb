using Aoi.Grains.Golden;
using Aoi.Grains.Imaging;
using OpenCvSharp;

namespace Aoi.Tests.Golden;

/// <summary>Upload storage rule of spec 4.4: JPEG bytes as uploaded, other formats re-encoded, non-images refused.</summary>
public sealed class GoldenImageEncodingTests
{
    [Fact]
    public void JpegIsStoredByteForByte()
    {
        var jpeg = GoldenFiles.Jpeg(42);

        Assert.Same(jpeg, GoldenImageEncoding.ToStoredJpeg(jpeg, 95, 100));
    }

    [Fact]
    public void PngIsReencodedToJpegOfTheSamePicture()
    {
        var png = GoldenFiles.Png(42);

        var stored = GoldenImageEncoding.ToStoredJpeg(png, 95, 100);

        Assert.Equal([0xFF, 0xD8, 0xFF], stored[..3]);
        using var decoded = Cv2.ImDecode(stored, ImreadModes.Color);
        Assert.Equal(new Size(48, 32), decoded.Size());
    }

    [Theory]
    [InlineData("hello, this is text")]
    [InlineData("")]
    public void NonImagesAre415(string text)
    {
        var ex = Assert.Throws<ImageReadException>(() => GoldenImageEncoding.ToStoredJpeg(System.Text.Encoding.UTF8.GetBytes(text), 95, 100));
        Assert.Equal(FailureKind.UnreadableImage, ex.Kind);
        Assert.Equal("Unsupported image format or corrupt image", ex.Message);
    }

    [Fact]
    public void TruncatedJpegWithValidSignatureIs415()
    {
        var jpeg = GoldenFiles.Jpeg(3);

        var ex = Assert.Throws<ImageReadException>(() => GoldenImageEncoding.ToStoredJpeg(jpeg[..40], 95, 100));
        Assert.Equal(FailureKind.UnreadableImage, ex.Kind);
    }
}
