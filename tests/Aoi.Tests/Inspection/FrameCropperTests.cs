using Aoi.Web.Http;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Aoi.Tests.Hardening;
using Aoi.Tests.Inspection.Support;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Aoi.Tests.Inspection;

/// <summary>
/// <see cref="FrameCropper"/> gives the crops of the full decode (ImageLoader + RoiCropper) while decoding a JPEG only
/// where its ROIs are: pixel for pixel on every JPEG kind it takes, through the full decoder for the kinds it declines,
/// and the reading errors of spec 5.5 for broken pictures.
/// </summary>
public sealed class FrameCropperTests : IDisposable
{
    private const int Width = 1203, Height = 917; // odd sizes: partial MCUs at the right and bottom edges

    /// <summary>OpenCV's IMWRITE_JPEG_SAMPLING_FACTOR (not in OpenCvSharp's enum).</summary>
    private const ImwriteFlags SamplingFactor = (ImwriteFlags)7;

    private static readonly RoiRect[] Rois =
    [
        new(0, 0, 64, 48), // top-left corner
        new(301, 203, 634, 420), // odd offsets, inside
        new(517, 211, 539, 233), // small, overlapping the previous one's rows
        new(1150, 880, 1203, 917), // bottom-right corner, exactly to the edge
        new(-20, 500, 40, 560), // partly outside: clipped with a warning
        new(1190, -10, 1300, 30), // partly outside on two sides
        new(2000, 2000, 2100, 2100), // outside: an error, no crop
        new(700, 600, 701, 601), // one pixel
    ];

    private readonly TempFolder _temp = new();
    private readonly FrameDecodeGate _gate = new(Microsoft.Extensions.Options.Options.Create(new ImagingOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _gate.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string> JpegKinds() => ["baseline 4:2:0", "baseline 4:4:4", "baseline 4:2:2", "progressive", "restart markers", "grey"];

    [Theory]
    [MemberData(nameof(JpegKinds))]
    public void JpegCropsAreThoseOfTheFullDecodeFromTheRegionDecoder(string kind)
    {
        var jpeg = Jpeg(kind);

        var (path, crops) = CutDirect(jpeg, Rois);

        Assert.Equal("jpeg region", path);
        AssertSameAsFullDecode(jpeg, Rois, crops);
    }

    [Fact]
    public void PngGoesToTheFullDecoder()
    {
        using var image = Textured();
        var png = HostileImages.Encode(".png", image);

        var (path, crops) = CutDirect(png, Rois);

        Assert.Equal("full decode", path);
        AssertSameAsFullDecode(png, Rois, crops);
    }

    [Fact]
    public void ExifRotatedJpegGoesToTheFullDecoderAndKeepsItsTurn()
    {
        var jpeg = WithExifOrientation(Jpeg("baseline 4:2:0"), 6); // shown turned 90° clockwise: 917 × 1203

        var (path, crops) = CutDirect(jpeg, Rois);

        Assert.Equal("full decode", path);
        using var full = ImageLoader.Decode(jpeg);
        Assert.Equal((Height, Width), (full.Width, full.Height));
        AssertSameAsFullDecode(jpeg, Rois, crops);
    }

    [Fact]
    public void CmykJpegGoesToTheFullDecoder()
    {
        var jpeg = HostileImages.CmykJpeg(8, 6, 10, 200, 30, 5);
        RoiRect[] rois = [new(3, 5, 40, 30)];

        var (path, crops) = CutDirect(jpeg, rois);

        Assert.Equal("full decode", path);
        AssertSameAsFullDecode(jpeg, rois, crops);
    }

    [Fact]
    public void NoRectanglesOnlyChecksThePicture()
    {
        var (path, crops) = CutDirect(Jpeg("baseline 4:2:0"), []);

        Assert.Equal("jpeg region", path);
        Assert.Empty(crops);
    }

    [Fact]
    public async Task CropsComeTopToBottomAsTheirRowsAreDecoded()
    {
        var path = Write("board.jpg", Jpeg("baseline 4:2:0"));

        var order = new List<int>();
        await foreach (var crop in Cropper().CutAsync(new ImageInput(path, "board.jpg"), Rois, Ct))
        {
            order.Add(crop.Index);
        }

        // The outside ROI (index 6) has no rows and comes first; the rest by the row their crop ends on.
        Assert.Equal([6, 5, 0, 2, 1, 4, 7, 3], order);
    }

    [Fact]
    public async Task TruncatedJpegIs415EvenWhenTheRoisLieInItsFirstHalf()
    {
        var path = Write("cut.jpg", HostileImages.TruncatedJpeg(Jpeg("baseline 4:2:0")));

        var error = await CutFails(path, [new RoiRect(0, 0, 50, 50)]);

        Assert.Equal(FailureKind.UnreadableImage, error.Kind);
        Assert.Equal(ImageLoader.CorruptImageError, error.Message);
    }

    public static TheoryData<string, int, string> BrokenPictures() => new()
    {
        { "empty", 415, ImageLoader.CorruptImageError },
        { "text", 415, ImageLoader.CorruptImageError },
        { "signature only", 415, ImageLoader.CorruptImageError },
        { "cut header", 415, ImageLoader.CorruptImageError },
        { "bomb", 413, "Image too large: 65000x65000 (limit 100 megapixels)" },
    };

    [Theory]
    [MemberData(nameof(BrokenPictures))]
    public async Task BrokenPicturesGiveTheReadingErrors(string kind, int status, string message)
    {
        var good = Jpeg("baseline 4:2:0");
        byte[] bytes = kind switch
        {
            "empty" => [],
            "text" => "this is not a picture"u8.ToArray(),
            "signature only" => [0xFF, 0xD8, 0xFF, 0xE0],
            "cut header" => HostileImages.CutHeaderJpeg(good),
            _ => HostileImages.JpegHeader(65_000, 65_000),
        };

        var error = await CutFails(Write("broken.jpg", bytes), Rois);

        Assert.Equal((status, message), (FailureStatus.Of(error.Kind), error.Message));
    }

    [Fact]
    public void ScanOfGarbageGivesCropsOfADamagedPictureLikeTheFullDecoder()
    {
        // libjpeg reads corrupt entropy data with warnings: a damaged picture, not an unreadable one, for both decoders.
        // What a decoder paints after a bad Huffman code differs between libjpeg-turbo builds, so only the shapes agree.
        var jpeg = GarbageScan(Jpeg("baseline 4:2:0"));

        var (path, crops) = CutDirect(jpeg, Rois);

        Assert.Equal("jpeg region", path);
        using var full = ImageLoader.Decode(jpeg);
        for (var i = 0; i < Rois.Length; i++)
        {
            var expected = RoiCropper.Cut(full, Rois[i]);
            Assert.Equal((expected.Crop?.Width, expected.Crop?.Height, expected.Error), (crops[i]?.Crop?.Width, crops[i]?.Crop?.Height, crops[i]?.Error));
        }
    }

    [Fact]
    public async Task MissingFileIs404WithThePathAsGiven()
    {
        var error = await CutFails(Path.Combine(_temp.Path, "nope.jpg"), Rois, "/mnt/visual-aoi-shared/nope.jpg");

        Assert.Equal((404, "Image file not found: /mnt/visual-aoi-shared/nope.jpg"), (FailureStatus.Of(error.Kind), error.Message));
    }

    [Fact]
    public async Task CancelledCutStops()
    {
        var path = Write("board.jpg", Jpeg("baseline 4:2:0"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Cropper().CutAsync(new ImageInput(path, "board.jpg"), Rois, cancelled.Token))
            {
            }
        });
    }

    [Fact]
    public async Task DecodeGateSlotIsHeldUntilTheLastCropIsTaken()
    {
        using var gate = new FrameDecodeGate(Microsoft.Extensions.Options.Options.Create(new ImagingOptions { MaxConcurrentDecodes = 1 }));
        var cropper = new FrameCropper(gate, Microsoft.Extensions.Options.Options.Create(new AoiOptions()), NullLogger<FrameCropper>.Instance);
        var input = new ImageInput(Write("board.jpg", Jpeg("baseline 4:2:0")), "board.jpg");

        await using var first = cropper.CutAsync(input, Rois, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await first.MoveNextAsync());
        await using var second = cropper.CutAsync(input, Rois, Ct).GetAsyncEnumerator(Ct);
        var secondStarted = second.MoveNextAsync().AsTask();
        Assert.False(secondStarted.IsCompleted);

        while (await first.MoveNextAsync())
        {
        }

        Assert.True(await secondStarted);
    }

    private FrameCropper Cropper() =>
        new(_gate, Microsoft.Extensions.Options.Options.Create(new AoiOptions()), NullLogger<FrameCropper>.Instance);

    private async Task<ImageReadException> CutFails(string path, RoiRect[] rois, string? display = null) =>
        await Assert.ThrowsAsync<ImageReadException>(async () =>
        {
            await foreach (var _ in Cropper().CutAsync(new ImageInput(path, display ?? Path.GetFileName(path)), rois, Ct))
            {
            }
        });

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (string Path, RoiCrop?[] Crops) CutDirect(byte[] bytes, RoiRect[] rois)
    {
        var crops = new RoiCrop?[rois.Length];
        var path = FrameCropper.Cut(bytes, 100, rois, c =>
        {
            Assert.Null(crops[c.Index]); // each rectangle exactly once
            crops[c.Index] = c.Crop;
        }, CancellationToken.None);
        return (path, crops);
    }

    private static void AssertSameAsFullDecode(byte[] bytes, RoiRect[] rois, RoiCrop?[] crops)
    {
        using var full = ImageLoader.Decode(bytes);
        for (var i = 0; i < rois.Length; i++)
        {
            var expected = RoiCropper.Cut(full, rois[i]);
            var actual = crops[i] ?? throw new Xunit.Sdk.XunitException($"ROI {i}: no crop");
            Assert.Equal(expected.Warning, actual.Warning);
            Assert.Equal(expected.Error, actual.Error);
            Assert.Equal(expected.Crop?.Width, actual.Crop?.Width);
            Assert.Equal(expected.Crop?.Height, actual.Crop?.Height);
            if (expected.Crop is not null)
            {
                Assert.True(expected.Crop.Bgr.AsSpan().SequenceEqual(actual.Crop!.Bgr), $"ROI {i} {rois[i]}: pixels differ");
            }
        }
    }

    /// <summary>Noise over gradients: every 8×8 block carries detail, so any decoder difference shows.</summary>
    private static Mat Textured()
    {
        var image = new Mat(Height, Width, MatType.CV_8UC3);
        Cv2.SetTheRNG(12);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        using var smooth = new Mat();
        Cv2.GaussianBlur(image, smooth, new Size(0, 0), 1.2);
        Cv2.AddWeighted(image, 0.3, smooth, 0.7, 0, image);
        return image;
    }

    private static byte[] Jpeg(string kind)
    {
        using var image = Textured();
        if (kind == "grey")
        {
            using var grey = image.CvtColor(ColorConversionCodes.BGR2GRAY);
            Cv2.ImEncode(".jpg", grey, out var greyBytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
            return greyBytes;
        }

        var extra = kind switch
        {
            "baseline 4:4:4" => new ImageEncodingParam(SamplingFactor, 0x111111),
            "baseline 4:2:2" => new ImageEncodingParam(SamplingFactor, 0x211111),
            "progressive" => new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1),
            "restart markers" => new ImageEncodingParam(ImwriteFlags.JpegRstInterval, 3),
            _ => new ImageEncodingParam(ImwriteFlags.JpegQuality, 95),
        };
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95), extra);
        return bytes;
    }

    /// <summary>A JPEG whose scan data is replaced by noise (its markers and EOI kept).</summary>
    private static byte[] GarbageScan(byte[] jpeg)
    {
        var bytes = jpeg.ToArray();
        var sos = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        var random = new Random(5);
        for (var i = sos + 20; i < bytes.Length - 2; i++)
        {
            bytes[i] = (byte)random.Next(0, 0xFF); // never FF: no stray markers
        }

        return bytes;
    }

    /// <summary>Inserts an EXIF APP1 segment with one IFD0 entry: Orientation (0x0112) = <paramref name="orientation"/>.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD0 at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
