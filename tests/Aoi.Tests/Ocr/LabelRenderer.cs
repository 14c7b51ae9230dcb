using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Draws test labels with OpenCV's Hershey fonts: text of a known value at a known place and direction.</summary>
public static class LabelRenderer
{
    public static readonly Scalar Light = new(235, 235, 235);
    public static readonly Scalar Dark = new(30, 30, 30);

    /// <summary>A label just large enough for the text plus a margin, text horizontal.</summary>
    public static Mat Label(string text, HersheyFonts font, double scale, int thickness, Scalar ink, Scalar paper, int margin = 12)
    {
        var size = Cv2.GetTextSize(text, font, scale, thickness, out var baseline);
        var label = new Mat(size.Height + baseline + 2 * margin, size.Width + 2 * margin, MatType.CV_8UC3, paper);
        Cv2.PutText(label, text, new Point(margin, margin + size.Height), font, scale, ink, thickness, LineTypes.AntiAlias);
        return label;
    }

    /// <summary>
    /// A strip of exactly <paramref name="width"/> x <paramref name="height"/> whose text runs bottom-to-top:
    /// the horizontal label (fitted to height x width) turned a quarter counter-clockwise.
    /// </summary>
    public static Mat BottomToTopStrip(string text, HersheyFonts font, int thickness, Scalar ink, Scalar paper, int width, int height)
    {
        using var horizontal = Fitted(text, font, thickness, ink, paper, height, width);
        var strip = new Mat();
        Cv2.Rotate(horizontal, strip, RotateFlags.Rotate90Counterclockwise);
        return strip;
    }

    /// <summary>Text as large as fits in 80% of a width x height canvas, centred.</summary>
    public static Mat Fitted(string text, HersheyFonts font, int thickness, Scalar ink, Scalar paper, int width, int height)
    {
        var unit = Cv2.GetTextSize(text, font, 1.0, thickness, out var unitBaseline);
        var scale = Math.Min(0.8 * width / unit.Width, 0.6 * height / (unit.Height + unitBaseline));
        var size = Cv2.GetTextSize(text, font, scale, thickness, out _);
        var canvas = new Mat(height, width, MatType.CV_8UC3, paper);
        var origin = new Point((width - size.Width) / 2, (height + size.Height) / 2);
        Cv2.PutText(canvas, text, origin, font, scale, ink, thickness, LineTypes.AntiAlias);
        return canvas;
    }
}
