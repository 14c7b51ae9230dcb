using System.Runtime.InteropServices;
using OpenCvSharp;
using SkiaSharp;

namespace Aoi.Grains.Imaging;

/// <summary>
/// Decodes only the part of a JPEG that the ROIs need, through libjpeg-turbo's <c>jpeg_skip_scanlines</c> and
/// <c>jpeg_crop_scanline</c> as Skia's scanline decoder exposes them (SkiaSharp; libjpeg's fatal errors stay inside
/// Skia's setjmp guard, so a hostile file cannot take the process down). Rows above, between and below the ROIs are only
/// entropy-decoded; columns outside the union of the ROIs are not transformed at all; no full frame is ever held. Each
/// crop is handed out as soon as its last row is decoded.
/// </summary>
/// <remarks>
/// The pixels are the ones OpenCV's full decode gives (same libjpeg-turbo arithmetic: islow IDCT, fancy upsampling,
/// the library's own YCbCr → BGR(A)), except in the outermost column of a cropped band, where the upsampler has no
/// neighbour; the band is therefore widened by <see cref="ColumnMargin"/> on both sides. Pictures this path would not
/// reproduce exactly are declined (<see cref="TryOpen"/> returns null) and go to the full decoder: not a JPEG, CMYK /
/// YCCK, 12-bit or arithmetic-coded, rotated by EXIF orientation, or without an end-of-image marker after the frame
/// header (a truncated file, which the full decoder refuses).
/// </remarks>
internal sealed class JpegRegionDecoder : IDisposable
{
    private const int ColumnMargin = 8;
    private const int CancellationCheckRows = 64;

    private readonly SKData _data;
    private readonly SKCodec _codec;

    private JpegRegionDecoder(SKData data, SKCodec codec)
    {
        _data = data;
        _codec = codec;
    }

    public int Width => _codec.Info.Width;

    public int Height => _codec.Info.Height;

    /// <summary>A decoder for <paramref name="bytes"/>, or null when the picture is one for the full decoder.</summary>
    public static JpegRegionDecoder? TryOpen(byte[] bytes)
    {
        if (ImageHeaderReader.TryReadJpegFrame(bytes) is not { IsHuffman8Bit: true, Components: 1 or 3 } frame
            || !HasEndOfImageAfter(bytes, frame.EndOffset))
        {
            return null;
        }

        var data = SKData.CreateCopy(bytes);
        var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg || codec.EncodedOrigin != SKEncodedOrigin.TopLeft
            || codec.Info.Width != frame.Width || codec.Info.Height != frame.Height)
        {
            codec?.Dispose();
            data.Dispose();
            return null;
        }

        return new JpegRegionDecoder(data, codec);
    }

    /// <summary>
    /// Decodes the rows the areas cover, top to bottom, and calls <paramref name="onCrop"/> with each area's index and
    /// its 8-bit BGR pixels as soon as its last row is in. Throws <see cref="ImageReadException"/> (415) when the data
    /// ends or breaks before the last needed row.
    /// </summary>
    public void Decode(IReadOnlyList<(int Index, Rect Area)> areas, Action<int, CropImage> onCrop, CancellationToken cancellationToken)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        if (areas.Count == 0)
        {
            // Nothing to cut: still open the scan, so a picture whose scan cannot start is refused like any other.
            Check(_codec.StartScanlineDecode(info) == SKCodecResult.Success);
            return;
        }

        var left = Math.Max(0, areas.Min(a => a.Area.Left) - ColumnMargin);
        var right = Math.Min(Width, areas.Max(a => a.Area.Right) + ColumnMargin);
        var options = left == 0 && right == Width ? new SKCodecOptions() : new SKCodecOptions(new SKRectI(left, 0, right, Height));
        Check(_codec.StartScanlineDecode(info, options) == SKCodecResult.Success);

        var pending = areas.OrderBy(a => a.Area.Top).ToArray();
        var active = new List<Pending>();
        var rowBytes = (right - left) * 4;
        var row = GC.AllocateUninitializedArray<byte>(rowBytes, pinned: true);
        var rowAddress = Marshal.UnsafeAddrOfPinnedArrayElement(row, 0);
        var next = 0;
        var y = 0;
        var lastRow = pending.Max(a => a.Area.Bottom);
        while (y < lastRow)
        {
            if (active.Count == 0 && pending[next].Area.Top > y)
            {
                var skip = pending[next].Area.Top - y;
                Check(_codec.SkipScanlines(skip));
                y += skip;
            }

            while (next < pending.Length && pending[next].Area.Top <= y)
            {
                active.Add(new Pending(pending[next].Index, pending[next].Area));
                next++;
            }

            Check(_codec.GetScanlines(rowAddress, 1, rowBytes) == 1);

            foreach (var crop in active)
            {
                crop.CopyRow(row, y, left);
            }

            y++;
            for (var i = active.Count - 1; i >= 0; i--)
            {
                if (active[i].Area.Bottom == y)
                {
                    onCrop(active[i].Index, active[i].ToCropImage());
                    active.RemoveAt(i);
                }
            }

            if (y % CancellationCheckRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose()
    {
        _codec.Dispose();
        _data.Dispose();
    }

    /// <summary>
    /// Whether an EOI marker (FF D9) follows the frame header. Entropy-coded data cannot contain it (FF is stuffed),
    /// so a file cut inside its scan has none; trailing data after EOI (some cameras append some) is allowed.
    /// </summary>
    private static bool HasEndOfImageAfter(byte[] bytes, int offset) =>
        bytes.AsSpan(offset).LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;

    private static void Check(bool ok)
    {
        if (!ok)
        {
            throw new ImageReadException(FailureKind.UnreadableImage, ImageLoader.CorruptImageError);
        }
    }

    /// <summary>One crop being filled row by row.</summary>
    private sealed class Pending(int index, Rect area)
    {
        private readonly byte[] _bgr = GC.AllocateUninitializedArray<byte>(area.Width * area.Height * 3);

        public int Index { get; } = index;

        public Rect Area { get; } = area;

        /// <summary>Copies this crop's part of a decoded BGRA row (which starts at frame column <paramref name="rowLeft"/>).</summary>
        public void CopyRow(byte[] bgraRow, int y, int rowLeft)
        {
            var source = bgraRow.AsSpan((Area.Left - rowLeft) * 4, Area.Width * 4);
            var target = _bgr.AsSpan((y - Area.Top) * Area.Width * 3, Area.Width * 3);
            for (int s = 0, t = 0; t < target.Length; s += 4, t += 3)
            {
                target[t] = source[s];
                target[t + 1] = source[s + 1];
                target[t + 2] = source[s + 2];
            }
        }

        public CropImage ToCropImage() => new(Area.Width, Area.Height, _bgr);
    }
}
