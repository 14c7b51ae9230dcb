using System.Runtime.InteropServices;
using OpenCvSharp;
using ZXing;
using ZXing.Common;

namespace Aoi.Tests.Engines;

/// <summary>Renders barcodes with ZXing's writer into BGR Mats and lays them out on white canvases.</summary>
internal static class SyntheticCodes
{
    /// <summary>One symbol as a BGR picture including the writer's quiet zone (margin in modules).</summary>
    public static Mat Render(BarcodeFormat format, string text, int width, int height, int margin = 10)
    {
        var writer = new BarcodeWriterPixelData
        {
            Format = format,
            Options = new EncodingOptions { Width = width, Height = height, Margin = margin, PureBarcode = true },
        };
        var pixels = writer.Write(text);
        using var bgra = new Mat(pixels.Height, pixels.Width, MatType.CV_8UC4);
        for (var row = 0; row < pixels.Height; row++)
        {
            Marshal.Copy(pixels.Pixels, row * pixels.Width * 4, bgra.Ptr(row), pixels.Width * 4);
        }

        var bgr = new Mat();
        Cv2.CvtColor(bgra, bgr, ColorConversionCodes.BGRA2BGR);
        return bgr;
    }

    /// <summary>A white canvas with the given pictures stacked top to bottom, each centred, with a gap between.</summary>
    public static Mat StackVertically(int gap, params Mat[] parts)
    {
        var width = parts.Max(p => p.Width) + 2 * gap;
        var height = parts.Sum(p => p.Height) + (parts.Length + 1) * gap;
        var canvas = new Mat(height, width, MatType.CV_8UC3, Scalar.White);
        var y = gap;
        foreach (var part in parts)
        {
            using var target = new Mat(canvas, new Rect((width - part.Width) / 2, y, part.Width, part.Height));
            part.CopyTo(target);
            y += part.Height + gap;
        }

        return canvas;
    }

    public static Mat Rotate(Mat source, RotateFlags flags)
    {
        var turned = new Mat();
        Cv2.Rotate(source, turned, flags);
        return turned;
    }
}
