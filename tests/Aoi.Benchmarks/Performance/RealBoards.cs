using Aoi.Grains.Demo;
using Aoi.Grains.Imaging;
using OpenCvSharp;
using ZXing;

namespace Aoi.Benchmarks.Performance;

/// <summary>A product's full-frame boards as JPEG files: one that should pass and one with a known defect.</summary>
public sealed record BoardSet(string Product, ProductSnapshot Snapshot, string GoodFile, string FaultyFile, int FaultyRoiIdx)
{
    public IEnumerable<RoiDefinition> EnabledRois => Snapshot.Rois.Where(r => r.Enabled);
}

/// <summary>
/// Builds 7716×5360 boards of a real product the way the real-data tests do (spec 8): a textured board (see
/// <see cref="Background"/>), each compare ROI's best_golden.jpg pasted at its coordinates, barcode ROIs as rendered QR labels, OCR ROIs as rendered
/// text turned to the ROI's rotation, colour ROIs filled with the expected colour. The faulty board has its first
/// compare ROI (else its first ROI) replaced by bare board: a missing part.
/// </summary>
public static class RealBoards
{
    public const int Width = 7716, Height = 5360;
    private static readonly Scalar Board = new(78, 104, 72);
    private static readonly Scalar Paper = new(235, 235, 235);
    private static readonly Scalar Ink = new(30, 30, 30);

    /// <summary>
    /// Board colour with mottling at 64 px and 16 px and a sensor grain of σ 1 grey level, the same for every product
    /// (fixed seed). A flat background encodes to well under 1 MB and decodes in a fraction of a real frame's time;
    /// this one gives 6–7 MB at q95, like a photographed fixture (5–8 MB), so decode figures mean what they say.
    /// </summary>
    private static readonly Lazy<Mat> Background = new(() =>
    {
        using var sum = new Mat(Height, Width, MatType.CV_32FC3, Board);
        foreach (var (cell, sigma, seed) in new[] { (64, 18.0, 1UL), (16, 10.0, 2UL) })
        {
            using var coarse = new Mat(Height / cell + 2, Width / cell + 2, MatType.CV_32FC3);
            Cv2.SetTheRNG(seed);
            Cv2.Randn(coarse, Scalar.All(0), Scalar.All(sigma));
            using var smooth = new Mat();
            Cv2.Resize(coarse, smooth, new Size(Width, Height), 0, 0, InterpolationFlags.Cubic);
            Cv2.Add(sum, smooth, sum);
        }

        using (var grain = new Mat(Height, Width, MatType.CV_32FC3))
        {
            Cv2.SetTheRNG(3);
            Cv2.Randn(grain, Scalar.All(0), Scalar.All(1.0));
            Cv2.Add(sum, grain, sum);
        }

        var board = new Mat();
        sum.ConvertTo(board, MatType.CV_8UC3); // saturating
        return board;
    });

    public static BoardSet Build(ProductSnapshot snapshot, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        using var canvas = Background.Value.Clone();
        var enabled = snapshot.Rois.Where(r => r.Enabled && r.ConfigError is null).ToList();
        foreach (var roi in enabled)
        {
            using var target = new Mat(canvas, ToRect(roi.Coords));
            Draw(snapshot, roi, target);
        }

        var good = Path.Combine(outputFolder, $"{snapshot.ProductName}_good.jpg");
        Save(canvas, good);

        var victim = enabled.Where(r => r.Type == RoiDefinition.Compare).OrderBy(r => r.Idx).FirstOrDefault()
                     ?? enabled.OrderBy(r => r.Idx).First();
        using (var target = new Mat(canvas, ToRect(victim.Coords)))
        using (var bare = new Mat(Background.Value, ToRect(victim.Coords)))
        {
            bare.CopyTo(target); // the part is gone: bare board where it sat
        }

        var faulty = Path.Combine(outputFolder, $"{snapshot.ProductName}_faulty.jpg");
        Save(canvas, faulty);
        return new BoardSet(snapshot.ProductName, snapshot, good, faulty, victim.Idx);
    }

    /// <summary>The text a rendered barcode label of this ROI carries.</summary>
    public static string LabelText(string product, RoiDefinition roi) => $"{product}-{roi.DeviceLocation}-{roi.Idx:D4}";

    private static void Draw(ProductSnapshot snapshot, RoiDefinition roi, Mat target)
    {
        switch (roi.Type)
        {
            case RoiDefinition.Compare:
                var golden = Path.Combine(snapshot.ProductFolder, "golden_rois", $"roi_{roi.Idx}", "best_golden.jpg");
                using (var image = Cv2.ImRead(golden, ImreadModes.Color))
                {
                    if (!image.Empty())
                    {
                        Cv2.Resize(image, target, target.Size(), 0, 0, InterpolationFlags.Area);
                    }
                }

                break;
            case RoiDefinition.Barcode:
                using (var label = CodeLabelRenderer.Render(LabelText(snapshot.ProductName, roi), target.Width, target.Height,
                           BarcodeFormat.QR_CODE))
                {
                    label.CopyTo(target);
                }

                break;
            case RoiDefinition.Ocr:
                using (var text = TextLabel(roi.ExpectedText ?? $"SN {snapshot.ProductName}", target.Width, target.Height, roi.Rotation))
                {
                    text.CopyTo(target);
                }

                break;
            case RoiDefinition.Color when roi.ExpectedColor is [var r, var g, var b]:
                target.SetTo(new Scalar(b, g, r));
                break;
        }
    }

    /// <summary>
    /// Text as large as fits, written so that turning the crop counter-clockwise by <paramref name="rotation"/>
    /// (what the OCR engine does, spec 3.4) makes it a horizontal line.
    /// </summary>
    private static Mat TextLabel(string text, int width, int height, int rotation)
    {
        var quarter = ((rotation % 360) + 360) % 360 / 90;
        var (w, h) = quarter % 2 == 1 ? (height, width) : (width, height);
        using var horizontal = new Mat(h, w, MatType.CV_8UC3, Paper);
        var unit = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, 1.0, 2, out var baseline);
        var scale = Math.Min(0.8 * w / unit.Width, 0.6 * h / (unit.Height + baseline));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, 2, out _);
        Cv2.PutText(horizontal, text, new Point((w - size.Width) / 2, (h + size.Height) / 2), HersheyFonts.HersheySimplex, scale,
            Ink, 2, LineTypes.AntiAlias);
        var turned = new Mat();
        switch (quarter)
        {
            case 1: // the engine turns it 90° counter-clockwise: draw it turned clockwise
                Cv2.Rotate(horizontal, turned, RotateFlags.Rotate90Clockwise);
                break;
            case 2:
                Cv2.Rotate(horizontal, turned, RotateFlags.Rotate180);
                break;
            case 3:
                Cv2.Rotate(horizontal, turned, RotateFlags.Rotate90Counterclockwise);
                break;
            default:
                horizontal.CopyTo(turned);
                break;
        }

        return turned;
    }

    private static void Save(Mat canvas, string path)
    {
        Cv2.ImEncode(".jpg", canvas, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        File.WriteAllBytes(path, bytes);
    }

    private static Rect ToRect(RoiRect r) => new(r.X1, r.Y1, r.Width, r.Height);
}
