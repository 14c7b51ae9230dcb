using System.Collections.Concurrent;
using Aoi.Grains.Imaging;
using Aoi.Web.Http;
using OpenCvSharp;

namespace Aoi.Web.Ui;

/// <summary>
/// Downscaled previews and crops of large pictures, made on the server so the browser never loads a 40-megapixel
/// frame. Previews decode at 1/2, 1/4 or 1/8 scale inside the JPEG decoder (much cheaper than a full decode);
/// crops need full resolution, so the last fully decoded picture is kept for the next crop of the same picture.
/// </summary>
public sealed class PicturePreviews : IDisposable
{
    public const string Undecodable = "Unsupported image format or corrupt image";
    private const int CachedPreviews = 24;
    private static readonly int[] JpegQuality = [(int)ImwriteFlags.JpegQuality, 85];

    private readonly ConcurrentDictionary<string, PicturePreview> _previews = new(StringComparer.Ordinal);
    private readonly Lock _frameGate = new();
    private (string Key, Mat Frame)? _lastFrame;

    /// <summary>A JPEG at most <paramref name="maxWidth"/> wide and the picture's full size.</summary>
    public PicturePreview Preview(string file, int maxWidth)
    {
        var info = new FileInfo(file);
        var key = $"{VersionKey(info)}|{maxWidth}";
        if (_previews.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var (width, height) = SizeOf(info);
        var factor = width / 8 >= maxWidth ? 8 : width / 4 >= maxWidth ? 4 : width / 2 >= maxWidth ? 2 : 1;
        var mode = factor switch
        {
            8 => ImreadModes.ReducedColor8,
            4 => ImreadModes.ReducedColor4,
            2 => ImreadModes.ReducedColor2,
            _ => ImreadModes.Color,
        };
        using var reduced = Cv2.ImRead(file, mode);
        if (reduced.Empty())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, Undecodable);
        }

        var preview = new PicturePreview(EncodeFitted(reduced, maxWidth, int.MaxValue), width, height);
        if (_previews.Count >= CachedPreviews)
        {
            _previews.Clear();
        }

        _previews[key] = preview;
        return preview;
    }

    /// <summary>The rectangle [x1,y1,x2,y2) (clamped to the picture) as a JPEG whose longer side is at most <paramref name="maxSide"/>.</summary>
    public byte[] Crop(string file, int x1, int y1, int x2, int y2, int maxSide)
    {
        var info = new FileInfo(file);
        lock (_frameGate)
        {
            var frame = FullFrame(info);
            var left = Math.Clamp(x1, 0, frame.Width - 1);
            var top = Math.Clamp(y1, 0, frame.Height - 1);
            var right = Math.Clamp(x2, left + 1, frame.Width);
            var bottom = Math.Clamp(y2, top + 1, frame.Height);
            using var crop = new Mat(frame, new Rect(left, top, right - left, bottom - top));
            return EncodeFitted(crop, maxSide, maxSide);
        }
    }

    public void Dispose()
    {
        lock (_frameGate)
        {
            _lastFrame?.Frame.Dispose();
            _lastFrame = null;
        }
    }

    private Mat FullFrame(FileInfo info)
    {
        var key = VersionKey(info);
        if (_lastFrame is { } last && last.Key == key)
        {
            return last.Frame;
        }

        var frame = Cv2.ImRead(info.FullName, ImreadModes.Color);
        if (frame.Empty())
        {
            frame.Dispose();
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, Undecodable);
        }

        _lastFrame?.Frame.Dispose();
        _lastFrame = (key, frame);
        return frame;
    }

    /// <summary>Full size from the header; a format the header reader does not know is decoded once to learn it.</summary>
    private static (int Width, int Height) SizeOf(FileInfo info)
    {
        var head = new byte[Math.Min(info.Length, 256 * 1024)];
        using (var stream = info.OpenRead())
        {
            stream.ReadExactly(head);
        }

        if (ImageHeaderReader.TryReadSize(head) is { } size)
        {
            return size;
        }

        using var image = Cv2.ImRead(info.FullName, ImreadModes.Unchanged);
        return image.Empty()
            ? throw new ApiException(StatusCodes.Status415UnsupportedMediaType, Undecodable)
            : (image.Width, image.Height);
    }

    /// <summary>JPEG of the image scaled down (area interpolation) to fit the bounds; never scaled up.</summary>
    private static byte[] EncodeFitted(Mat image, int maxWidth, int maxHeight)
    {
        var scale = Math.Min(1.0, Math.Min((double)maxWidth / image.Width, (double)maxHeight / image.Height));
        if (scale >= 1.0)
        {
            return Encode(image);
        }

        using var resized = new Mat();
        Cv2.Resize(image, resized, new Size(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale))),
            interpolation: InterpolationFlags.Area);
        return Encode(resized);
    }

    private static byte[] Encode(Mat image)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, JpegQuality);
        return bytes;
    }

    private static string VersionKey(FileInfo info) => $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
}
