using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>Synthetic test parts: a chip on a textured green board, with marks that make it not 180°-symmetric.</summary>
internal static class DrawnParts
{
    public static readonly Scalar BoardColour = new(50, 110, 40);

    public static Mat Board(int width, int height, int seed)
    {
        var board = new Mat(height, width, MatType.CV_8UC3, BoardColour);
        var random = new Random(seed);
        // Faint traces and specks so the bare board is not perfectly flat (a real board never is).
        for (var i = 0; i < width * height / 150; i++)
        {
            var at = new Point(random.Next(width), random.Next(height));
            Cv2.Circle(board, at, 1, new Scalar(45 + random.Next(15), 100 + random.Next(25), 35 + random.Next(15)), -1);
        }

        return board;
    }

    /// <summary>A chip with pads, a pin-1 dot in one corner and a marking on one half.</summary>
    public static Mat Chip(int width = 120, int height = 80, int seed = 1)
    {
        var image = Board(width, height, seed);
        var body = new Rect(width / 6, height / 5, width * 2 / 3, height * 3 / 5);
        Cv2.Rectangle(image, new Rect(2, body.Y + body.Height / 4, body.X, body.Height / 2), new Scalar(190, 190, 195), -1);
        Cv2.Rectangle(image, new Rect(body.Right - 1, body.Y + body.Height / 4, width - body.Right - 2, body.Height / 2), new Scalar(190, 190, 195), -1);
        Cv2.Rectangle(image, body, new Scalar(35, 35, 38), -1);
        Cv2.Circle(image, new Point(body.X + body.Width / 8, body.Y + body.Height / 5), Math.Max(2, height / 16), new Scalar(230, 230, 230), -1);
        Cv2.PutText(image, "R47", new Point(body.X + body.Width / 5, body.Y + body.Height * 3 / 4), HersheyFonts.HersheySimplex,
            height / 90.0, new Scalar(225, 225, 225), Math.Max(1, height / 40));
        Cv2.Rectangle(image, new Rect(body.X + body.Width * 3 / 5, body.Y + body.Height / 2, body.Width / 4, body.Height / 4), new Scalar(140, 140, 150), -1);
        return image;
    }

    /// <summary>The chip moved by (dx, dy) on the same board (uncovered board shows where it left).</summary>
    public static Mat Shifted(Mat part, int dx, int dy, int seed = 1) => SpecVariants.Shifted(part, BoardColour, dx, dy);

    public static Mat Photometric(Mat image, double gain, double offset)
    {
        var result = new Mat();
        image.ConvertTo(result, MatType.CV_8UC3, gain, offset);
        return result;
    }
}
