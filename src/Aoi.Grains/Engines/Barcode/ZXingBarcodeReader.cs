using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using ZXing;
using ZXing.Common;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>
/// ZXing.Net in thorough mode on Gray8 luminance. Several symbols: after each hit the four regions left of, above,
/// right of and below the symbol are searched again (ZXing's GenericMultipleBarcodeReader idea), but unlike that
/// reader every hit keeps its own position, so a repeated text is reported where it appears first in reading order.
/// </summary>
public sealed class ZXingBarcodeReader : IBarcodeReader
{
    // A region narrower or lower than this cannot hold a readable symbol with its quiet zone; skipping it bounds the
    // number of decode attempts spent on slivers beside a hit.
    private const int MinRegionSide = 24;

    // Four levels of splitting reach 4^4 regions at most; more symbols than that in one ROI is not a real label.
    private const int MaxDepth = 4;

    private readonly IReadOnlyList<BarcodeFormat> formats;

    public ZXingBarcodeReader(IOptions<BarcodeOptions> options) => formats = options.Value.ParseFormats();

    public IReadOnlyList<DecodedBarcode> ReadAll(Mat grey)
    {
        if (grey.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"expected an 8-bit greyscale picture, got {grey.Type()}", nameof(grey));
        }

        var found = new List<DecodedBarcode>();
        if (grey.Width > 0 && grey.Height > 0)
        {
            // MultiFormatReader and its hints hold per-call state, so each call owns both: concurrent ROIs share none.
            var reader = new MultiFormatReader
            {
                Hints = new Dictionary<DecodeHintType, object>
                {
                    [DecodeHintType.TRY_HARDER] = true,
                    [DecodeHintType.POSSIBLE_FORMATS] = formats.ToList(),
                },
            };
            Search(reader, grey, new Rect(0, 0, grey.Width, grey.Height), depth: 0, found);
        }

        return found;
    }

    private static void Search(MultiFormatReader reader, Mat grey, Rect region, int depth, List<DecodedBarcode> found)
    {
        var result = Decode(reader, grey, region);
        if (result is null)
        {
            return;
        }

        var points = result.ResultPoints?.Where(p => p is not null).ToArray() ?? [];
        float minX = region.Width, minY = region.Height, maxX = 0, maxY = 0;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        if (points.Length == 0)
        {
            // No geometry: the symbol is placed at the region's corner and the region cannot be split further.
            found.Add(new DecodedBarcode(result.Text ?? "", result.BarcodeFormat.ToString(), region.Y, region.X));
            return;
        }

        found.Add(new DecodedBarcode(result.Text ?? "", result.BarcodeFormat.ToString(), region.Y + minY,
            region.X + minX));
        if (depth + 1 > MaxDepth)
        {
            return;
        }

        var left = (int)minX;
        var top = (int)minY;
        var right = (int)Math.Ceiling(maxX);
        var bottom = (int)Math.Ceiling(maxY);
        TrySub(new Rect(region.X, region.Y, left, region.Height));
        TrySub(new Rect(region.X, region.Y, region.Width, top));
        TrySub(new Rect(region.X + right, region.Y, region.Width - right, region.Height));
        TrySub(new Rect(region.X, region.Y + bottom, region.Width, region.Height - bottom));

        void TrySub(Rect sub)
        {
            if (sub.Width >= MinRegionSide && sub.Height >= MinRegionSide)
            {
                Search(reader, grey, sub, depth + 1, found);
            }
        }
    }

    private static Result? Decode(MultiFormatReader reader, Mat grey, Rect region)
    {
        var bytes = new byte[region.Width * region.Height];
        using (var view = new Mat(grey, region))
        {
            for (var row = 0; row < region.Height; row++)
            {
                Marshal.Copy(view.Ptr(row), bytes, row * region.Width, region.Width);
            }
        }

        var source = new RGBLuminanceSource(bytes, region.Width, region.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
    }
}
