using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>Cuts one detected (possibly tilted) box out of the picture as an axis-aligned line image.</summary>
public static class TextLineCropper
{
    /// <summary>
    /// Perspective warp of the 4 ordered corners to a rectangle. A box much taller than wide is a vertical
    /// line; it is turned a quarter counter-clockwise like PaddleOCR does, so the recogniser sees a line.
    /// </summary>
    public static Mat Crop(Mat bgr, Point2f[] corners)
    {
        var width = (int)Math.Max(Distance(corners[0], corners[1]), Distance(corners[3], corners[2]));
        var height = (int)Math.Max(Distance(corners[0], corners[3]), Distance(corners[1], corners[2]));
        width = Math.Max(width, 1);
        height = Math.Max(height, 1);
        Point2f[] target = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(corners, target);
        var line = new Mat();
        Cv2.WarpPerspective(bgr, line, transform, new Size(width, height), InterpolationFlags.Cubic, BorderTypes.Replicate);
        if (height >= 1.5 * width)
        {
            Cv2.Rotate(line, line, RotateFlags.Rotate90Counterclockwise);
        }

        return line;
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
