using Aoi.Grains.Demo;
using Aoi.Grains.Imaging;
using OpenCvSharp;
using ZXing;

namespace Aoi.Tests.TestSupport;

/// <summary>
/// Builds a test board picture the way spec 8 describes: a full-frame canvas (7716×5360 by default) in a neutral board
/// colour, with images pasted at ROI coordinates and rendered code labels fitted into ROI rectangles.
/// </summary>
public sealed class BoardBuilder : IDisposable
{
    public const int FullFrameWidth = 7716, FullFrameHeight = 5360;

    /// <summary>Plain muted-green board colour (BGR): no structure a compare or barcode engine could latch onto.</summary>
    public static readonly Scalar NeutralBoard = new(78, 104, 72);

    public BoardBuilder(int width = FullFrameWidth, int height = FullFrameHeight, Scalar? background = null)
    {
        Canvas = new Mat(height, width, MatType.CV_8UC3, background ?? NeutralBoard);
    }

    /// <summary>The BGR canvas (owned by the builder).</summary>
    public Mat Canvas { get; }

    /// <summary>Pastes <paramref name="image"/> (BGR) at <paramref name="at"/>, resized to it when sizes differ.</summary>
    public BoardBuilder Paste(Mat image, RoiRect at)
    {
        using var target = new Mat(Canvas, ToRect(at));
        if (image.Width == at.Width && image.Height == at.Height)
        {
            image.CopyTo(target);
        }
        else
        {
            Cv2.Resize(image, target, new Size(at.Width, at.Height), 0, 0, InterpolationFlags.Area);
        }

        return this;
    }

    /// <summary>Decodes an image file (colour) and pastes it at <paramref name="at"/>.</summary>
    public BoardBuilder Paste(string imageFile, RoiRect at)
    {
        using var image = Cv2.ImRead(imageFile, ImreadModes.Color);
        if (image.Empty())
        {
            throw new InvalidOperationException($"cannot decode {imageFile}");
        }

        return Paste(image, at);
    }

    /// <summary>
    /// Renders <paramref name="text"/> as a printed label (ZXing, quiet zone included) filling <paramref name="at"/>.
    /// Throws <see cref="ArgumentException"/> when the symbol cannot get 2 px per module in that rectangle.
    /// </summary>
    public BoardBuilder AddCodeLabel(RoiRect at, string text, BarcodeFormat format = BarcodeFormat.CODE_128)
    {
        using var label = CodeLabelRenderer.Render(text, at.Width, at.Height, format);
        return Paste(label, at);
    }

    /// <summary>Copy of the canvas inside <paramref name="at"/> (caller disposes).</summary>
    public Mat Crop(RoiRect at) => new Mat(Canvas, ToRect(at)).Clone();

    public void SaveJpeg(string path, int quality = 95)
    {
        Cv2.ImEncode(".jpg", Canvas, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        File.WriteAllBytes(path, bytes);
    }

    public void SavePng(string path)
    {
        // Fast compression: test boards are large and mostly flat; size on disk does not matter.
        Cv2.ImEncode(".png", Canvas, out var bytes, new ImageEncodingParam(ImwriteFlags.PngCompression, 1));
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose() => Canvas.Dispose();

    private static Rect ToRect(RoiRect r) => new(r.X1, r.Y1, r.Width, r.Height);
}
