using Aoi.Grains.Imaging;
using OpenCvSharp;

namespace Aoi.Grains.Golden;

/// <summary>
/// Turns uploaded picture bytes into what a golden file holds (spec 4.4): JPEG bytes exactly as uploaded, any other
/// decodable format re-encoded to JPEG. Bytes that do not decode are refused with 415, oversized pictures with 413.
/// </summary>
public static class GoldenImageEncoding
{
    /// <summary>The bytes to store; throws <see cref="ImageReadException"/> (415/413) for unusable uploads.</summary>
    public static byte[] ToStoredJpeg(byte[] upload, int jpegQuality, int maxMegapixels)
    {
        ImageLoader.EnsureSizeAllowed(upload, maxMegapixels);

        // Decoding proves the bytes are a picture even when they are kept as they are; a JPEG signature alone is not.
        using var image = ImageLoader.Decode(upload);
        if (IsJpeg(upload))
        {
            return upload;
        }

        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, jpegQuality));
        return jpeg;
    }

    private static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
}
