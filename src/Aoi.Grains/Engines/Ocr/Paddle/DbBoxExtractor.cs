using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// Differentiable-binarisation post-processing (PaddleOCR DBPostProcess, quad boxes): threshold the text
/// probability map, one minimum-area rectangle per contour, drop weak boxes, grow ("unclip") the shrunk kernels
/// back to the text size and scale the corners to the source picture.
/// </summary>
public static class DbBoxExtractor
{
    private const float PixelThreshold = 0.3f;
    private const double BoxThreshold = 0.6;
    private const double UnclipRatio = 1.5;
    private const float MinSide = 3;
    private const int MaxCandidates = 1000;

    /// <summary>Boxes as 4 corners (top-left, top-right, bottom-right, bottom-left) in source pixels.</summary>
    public static List<Point2f[]> Extract(Mat probability, int sourceWidth, int sourceHeight)
    {
        using var bitmap = new Mat();
        Cv2.Threshold(probability, bitmap, PixelThreshold, 255, ThresholdTypes.Binary);
        using var bitmap8 = new Mat();
        bitmap.ConvertTo(bitmap8, MatType.CV_8UC1);
        Cv2.FindContours(bitmap8, out Point[][] contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);

        var scaleX = (float)sourceWidth / probability.Cols;
        var scaleY = (float)sourceHeight / probability.Rows;
        var boxes = new List<Point2f[]>();
        foreach (var contour in contours.Take(MaxCandidates))
        {
            var kernel = Cv2.MinAreaRect(contour);
            if (Math.Min(kernel.Size.Width, kernel.Size.Height) < MinSide)
            {
                continue;
            }

            var corners = OrderCorners(kernel.Points());
            if (MeanInside(probability, corners) < BoxThreshold)
            {
                continue;
            }

            var grown = Unclip(kernel);
            if (Math.Min(grown.Size.Width, grown.Size.Height) < MinSide + 2)
            {
                continue;
            }

            boxes.Add(OrderCorners(grown.Points())
                .Select(p => new Point2f(
                    Math.Clamp(p.X * scaleX, 0, sourceWidth),
                    Math.Clamp(p.Y * scaleY, 0, sourceHeight)))
                .ToArray());
        }

        return boxes;
    }

    /// <summary>Top-left, top-right, bottom-right, bottom-left, the order the crop and reading order expect.</summary>
    public static Point2f[] OrderCorners(Point2f[] points)
    {
        var byX = points.OrderBy(p => p.X).ToArray();
        var (topLeft, bottomLeft) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [topLeft, topRight, bottomRight, bottomLeft];
    }

    /// <summary>
    /// Offsetting a rectangle outwards by d = area * ratio / perimeter (the Clipper offset PaddleOCR uses) gives
    /// a rounded rectangle whose minimum-area box is the rectangle grown by d on each side.
    /// </summary>
    private static RotatedRect Unclip(RotatedRect kernel)
    {
        var (w, h) = (kernel.Size.Width, kernel.Size.Height);
        var distance = (float)(w * h * UnclipRatio / (2 * (w + h)));
        return new RotatedRect(kernel.Center, new Size2f(w + 2 * distance, h + 2 * distance), kernel.Angle);
    }

    private static double MeanInside(Mat probability, Point2f[] corners)
    {
        var xMin = Math.Clamp((int)Math.Floor(corners.Min(p => p.X)), 0, probability.Cols - 1);
        var xMax = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.X)), 0, probability.Cols - 1);
        var yMin = Math.Clamp((int)Math.Floor(corners.Min(p => p.Y)), 0, probability.Rows - 1);
        var yMax = Math.Clamp((int)Math.Ceiling(corners.Max(p => p.Y)), 0, probability.Rows - 1);
        using var mask = new Mat(yMax - yMin + 1, xMax - xMin + 1, MatType.CV_8UC1, Scalar.All(0));
        var polygon = corners.Select(p => new Point((int)Math.Round(p.X) - xMin, (int)Math.Round(p.Y) - yMin));
        Cv2.FillPoly(mask, [polygon], Scalar.All(1));
        using var window = new Mat(probability, new Rect(xMin, yMin, xMax - xMin + 1, yMax - yMin + 1));
        return Cv2.Mean(window, mask).Val0;
    }
}
