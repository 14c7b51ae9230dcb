using System.Diagnostics;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Grains.Imaging;

/// <summary>
/// Reads a picture from a server path and decodes it to 8-bit 3-channel BGR (spec 3.1 step 1), with the reading errors
/// of spec 5.5. The size limit is checked from the header before the full decode.
/// </summary>
public sealed class ImageLoader(FrameDecodeGate gate, IOptions<AoiOptions> options)
{
    public const string CorruptImageError = "Unsupported image format or corrupt image";

    /// <summary>Loads and decodes; throws <see cref="ImageReadException"/> for unusable pictures.</summary>
    public async Task<DecodedFrame> LoadAsync(ImageInput input, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = await ReadBytesAsync(input, cancellationToken);
        var limit = options.Value.MaxImageMegapixels;
        EnsureSizeAllowed(bytes, limit);

        var lease = await gate.EnterAsync(cancellationToken);
        try
        {
            // The codec runs synchronously for ~140 ms on a full frame: keep it off the caller's scheduler.
            var image = await Task.Run(() => Decode(bytes), cancellationToken);
            try
            {
                // The header said otherwise only if the codec reads a different frame than the header reader.
                EnsureWithinLimit(image.Width, image.Height, limit);
            }
            catch
            {
                image.Dispose();
                throw;
            }

            return new DecodedFrame(image, lease, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The picture's bytes, or 404 with the path as the client gave it.</summary>
    internal static async Task<byte[]> ReadBytesAsync(ImageInput input, CancellationToken cancellationToken)
    {
        if (!File.Exists(input.ServerPath))
        {
            throw new ImageReadException(FailureKind.NotFound, $"Image file not found: {input.DisplayPath}");
        }

        try
        {
            return await File.ReadAllBytesAsync(input.ServerPath, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new ImageReadException(FailureKind.NotFound, $"Image file not found: {input.DisplayPath}");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ImageReadException(FailureKind.NotFound, $"Image file not found: {input.DisplayPath}");
        }
    }

    /// <summary>
    /// Refuses a picture before any decoder allocates for it: too large by its header → 413; a size the header reader
    /// cannot read (unknown format, truncated or forged header) → 415, since the codec would otherwise allocate
    /// whatever the file claims (decompression bomb).
    /// </summary>
    public static void EnsureSizeAllowed(ReadOnlySpan<byte> bytes, int limitMegapixels)
    {
        var size = ImageHeaderReader.TryReadSize(bytes) ?? throw new ImageReadException(FailureKind.UnreadableImage, CorruptImageError);
        EnsureWithinLimit(size.Width, size.Height, limitMegapixels);
    }

    internal static void EnsureWithinLimit(int width, int height, int limitMegapixels)
    {
        if ((long)width * height > limitMegapixels * 1_000_000L)
        {
            throw new ImageReadException(FailureKind.TooLarge, $"Image too large: {width}x{height} (limit {limitMegapixels} megapixels)");
        }
    }

    /// <summary>
    /// ImreadModes.Color yields 8-bit BGR whatever the source: grey is expanded, alpha dropped, 16-bit scaled down.
    /// </summary>
    internal static Mat Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new ImageReadException(FailureKind.UnreadableImage, CorruptImageError);
        }

        Mat image;
        try
        {
            image = Cv2.ImDecode(bytes, ImreadModes.Color);
        }
        catch (OpenCVException)
        {
            throw new ImageReadException(FailureKind.UnreadableImage, CorruptImageError);
        }

        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            image.Dispose();
            throw new ImageReadException(FailureKind.UnreadableImage, CorruptImageError);
        }

        return image;
    }
}
