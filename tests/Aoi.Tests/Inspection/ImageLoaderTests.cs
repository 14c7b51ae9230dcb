using System.Buffers.Binary;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Aoi.Tests.Inspection.Support;
using OpenCvSharp;

namespace Aoi.Tests.Inspection;

public sealed class ImageLoaderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FrameDecodeGate _gate = new(Microsoft.Extensions.Options.Options.Create(new ImagingOptions()));

    public void Dispose()
    {
        _gate.Dispose();
        _temp.Dispose();
    }

    private ImageLoader Loader(int megapixels = 100) =>
        new(_gate, Microsoft.Extensions.Options.Options.Create(new AoiOptions { MaxImageMegapixels = megapixels }));

    private async Task<ImageReadException> LoadFails(string path, string display, int megapixels = 100) =>
        await Assert.ThrowsAsync<ImageReadException>(() =>
            Loader(megapixels).LoadAsync(new ImageInput(path, display), TestContext.Current.CancellationToken));

    [Fact]
    public async Task MissingFileIs404WithThePathAsGiven()
    {
        var error = await LoadFails(Path.Combine(_temp.Path, "nope.jpg"), "/mnt/visual-aoi-shared/nope.jpg");

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Equal("Image file not found: /mnt/visual-aoi-shared/nope.jpg", error.Message);
    }

    [Fact]
    public async Task BytesThatAreNoPictureAre415()
    {
        var path = Path.Combine(_temp.Path, "text.jpg");
        await File.WriteAllTextAsync(path, "this is not a picture", TestContext.Current.CancellationToken);

        var error = await LoadFails(path, "text.jpg");

        Assert.Equal(FailureKind.UnreadableImage, error.Kind);
        Assert.Equal("Unsupported image format or corrupt image", error.Message);
    }

    [Fact]
    public async Task OversizedPictureIsRefusedFromTheHeaderBeforeDecoding()
    {
        // Only a PNG signature and IHDR: a full decode would fail with 415, so 413 proves the header check came first.
        var header = new byte[33];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        signature.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(16), 12000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(20), 9000);
        var path = Path.Combine(_temp.Path, "huge.png");
        await File.WriteAllBytesAsync(path, header, TestContext.Current.CancellationToken);

        var error = await LoadFails(path, "huge.png");

        Assert.Equal(FailureKind.TooLarge, error.Kind);
        Assert.Equal("Image too large: 12000x9000 (limit 100 megapixels)", error.Message);
    }

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    [InlineData(".bmp")]
    [InlineData(".tiff")]
    public void HeaderSizeIsReadForEveryParsedFormat(string extension)
    {
        using var image = new Mat(23, 37, MatType.CV_8UC3, Scalar.All(90));
        Cv2.ImEncode(extension, image, out var bytes);

        Assert.Equal((37, 23), ImageHeaderReader.TryReadSize(bytes));
    }

    [Fact]
    public void GifHeaderSizeIsRead()
    {
        byte[] gif = [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 0x25, 0x00, 0x17, 0x00, 0, 0, 0];

        Assert.Equal((37, 23), ImageHeaderReader.TryReadSize(gif));
    }

    [Fact]
    public async Task LimitAppliesToRealPicturesToo()
    {
        using var image = new Mat(1100, 1000, MatType.CV_8UC3, Scalar.All(0));
        var path = TestImages.Write(_temp.Path, "big.jpg", image);

        var error = await LoadFails(path, "big.jpg", megapixels: 1);

        Assert.Equal("Image too large: 1000x1100 (limit 1 megapixels)", error.Message);
    }

    [Fact]
    public async Task GreyPictureIsExpandedToThreeEqualChannels()
    {
        using var grey = new Mat(20, 30, MatType.CV_8UC1, Scalar.All(77));
        var path = TestImages.Write(_temp.Path, "grey.png", grey);

        using var frame = await Loader().LoadAsync(new ImageInput(path, "grey.png"), TestContext.Current.CancellationToken);

        Assert.Equal(MatType.CV_8UC3, frame.Image.Type());
        Assert.Equal(new Vec3b(77, 77, 77), frame.Image.At<Vec3b>(5, 5));
    }

    [Fact]
    public async Task AlphaIsDroppedAndColourKept()
    {
        using var bgra = new Mat(20, 30, MatType.CV_8UC4, new Scalar(10, 20, 30, 128));
        var path = TestImages.Write(_temp.Path, "alpha.png", bgra);

        using var frame = await Loader().LoadAsync(new ImageInput(path, "alpha.png"), TestContext.Current.CancellationToken);

        Assert.Equal(MatType.CV_8UC3, frame.Image.Type());
        Assert.Equal(new Vec3b(10, 20, 30), frame.Image.At<Vec3b>(3, 3));
    }

    [Fact]
    public async Task SixteenBitPictureIsScaledToEightBits()
    {
        using var deep = new Mat(20, 30, MatType.CV_16UC3, new Scalar(256 * 10, 256 * 100, 256 * 200));
        var path = TestImages.Write(_temp.Path, "deep.png", deep);

        using var frame = await Loader().LoadAsync(new ImageInput(path, "deep.png"), TestContext.Current.CancellationToken);

        Assert.Equal(MatType.CV_8UC3, frame.Image.Type());
        Assert.Equal(new Vec3b(10, 100, 200), frame.Image.At<Vec3b>(1, 1));
    }

    [Fact]
    public async Task DecodeGateSlotIsHeldUntilTheFrameIsDisposed()
    {
        using var gate = new FrameDecodeGate(Microsoft.Extensions.Options.Options.Create(new ImagingOptions { MaxConcurrentDecodes = 1 }));
        var loader = new ImageLoader(gate, Microsoft.Extensions.Options.Options.Create(new AoiOptions()));
        using var image = new Mat(10, 10, MatType.CV_8UC3, Scalar.All(1));
        var input = new ImageInput(TestImages.Write(_temp.Path, "small.png", image), "small.png");

        var first = await loader.LoadAsync(input, TestContext.Current.CancellationToken);
        var second = loader.LoadAsync(input, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var secondFrame = await second;
        Assert.Equal(10, secondFrame.Width);
    }
}
