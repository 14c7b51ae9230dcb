using OpenCvSharp;
using ZXing;
using ZXing.Common;

namespace Aoi.Grains.Imaging;

/// <summary>
/// Renders a printed code label (white label, black symbol) with ZXing at an exact pixel size. Used by the demo board,
/// the engine warm-up, the start-up rehearsal and test boards, so all produce labels a line camera would see:
/// whole-pixel modules and a real quiet zone.
/// </summary>
public static class CodeLabelRenderer
{
    /// <summary>Smallest module width accepted: one-pixel modules do not survive JPEG re-encoding reliably.</summary>
    public const int MinModulePixels = 2;

    private static readonly Scalar Paper = new(246, 246, 244);

    /// <summary>
    /// A BGR label of exactly <paramref name="width"/> × <paramref name="height"/> holding <paramref name="text"/> in
    /// <paramref name="format"/>, centred, with the symbology's quiet zone (10 modules for 1D, 4 for 2D). A 1D code is
    /// turned by 90° when it fits better that way (the barcode engine reads every orientation).
    /// Throws <see cref="ArgumentException"/> when the code cannot get <see cref="MinModulePixels"/> per module.
    /// </summary>
    public static Mat Render(string text, int width, int height, BarcodeFormat format = BarcodeFormat.CODE_128)
    {
        using var modules = EncodeOneModulePerPixel(text, format);
        var is2D = format is BarcodeFormat.QR_CODE or BarcodeFormat.DATA_MATRIX or BarcodeFormat.AZTEC or BarcodeFormat.PDF_417;
        var quiet = is2D ? 4 : 10;

        // A 1D symbol's modules run along its width; its bar height is free, so only the width must fit.
        int ScaleFor(int along, int across) => is2D
            ? Math.Min(along / (modules.Width + 2 * quiet), across / (modules.Height + 2 * quiet))
            : along / (modules.Width + 2 * quiet);

        var upright = ScaleFor(width, height);
        var turned = is2D ? 0 : ScaleFor(height, width);
        var scale = Math.Max(upright, turned);
        if (scale < MinModulePixels)
        {
            throw new ArgumentException(
                $"{format} '{text}' needs {modules.Width + 2 * quiet} modules; a {width}x{height} label gives {scale} px per module (minimum {MinModulePixels})");
        }

        var turn = turned > upright;
        var alongLength = turn ? height : width;
        var acrossLength = turn ? width : height;
        var symbolWidth = modules.Width * scale;
        // Bars take the label height minus a margin above and below; a 2D symbol keeps square modules.
        var symbolHeight = is2D ? modules.Height * scale : Math.Max(scale, acrossLength - 2 * Math.Max(2 * scale, acrossLength / 10));

        using var symbol = new Mat();
        Cv2.Resize(modules, symbol, new Size(symbolWidth, is2D ? symbolHeight : 1), 0, 0, InterpolationFlags.Nearest);
        using var tall = is2D ? symbol.Clone() : symbol.Repeat(symbolHeight, 1);

        var label = new Mat(acrossLength, alongLength, MatType.CV_8UC3, Paper);
        using (var roi = new Mat(label, new Rect((alongLength - symbolWidth) / 2, (acrossLength - tall.Rows) / 2, symbolWidth, tall.Rows)))
        {
            tall.CopyTo(roi);
        }

        if (!turn)
        {
            return label;
        }

        var uprightLabel = new Mat();
        Cv2.Rotate(label, uprightLabel, RotateFlags.Rotate90Clockwise);
        label.Dispose();
        return uprightLabel;
    }

    /// <summary>The symbol at one pixel per module, no margin, as BGR (black bars on paper).</summary>
    private static Mat EncodeOneModulePerPixel(string text, BarcodeFormat format)
    {
        var writer = new BarcodeWriterPixelData
        {
            Format = format,
            // Width/Height 1 ask for the minimum size: ZXing then emits exactly one pixel per module.
            Options = new EncodingOptions { Width = 1, Height = 1, Margin = 0, PureBarcode = true },
        };
        var pixels = writer.Write(text);
        using var bgra = Mat.FromPixelData(pixels.Height, pixels.Width, MatType.CV_8UC4, pixels.Pixels);
        var bgr = new Mat();
        Cv2.CvtColor(bgra, bgr, ColorConversionCodes.BGRA2BGR);
        // Paper is not pure white and ink not pure black, as on a printed label.
        using var ink = new Mat();
        Cv2.InRange(bgr, new Scalar(0, 0, 0), new Scalar(127, 127, 127), ink);
        bgr.SetTo(Paper);
        bgr.SetTo(new Scalar(25, 25, 25), ink);
        return bgr;
    }
}
