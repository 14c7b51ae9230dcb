using Aoi.Grains.Demo;
using OpenCvSharp;

namespace Aoi.Tests.Review;

/// <summary>
/// Demo boards for the review loop, drawn by the demo painter: a missing small IC (ROI 3) under a capture variation
/// (a real defect), and a good board whose parts sit slightly turned (8°: within placement tolerance for a
/// person, outside what the golden library has seen), which the engine fails on those ROIs (false calls).
/// Deterministic, like the demo itself.
/// </summary>
public static class ReviewBoards
{
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private static readonly DemoBoardPainter Painter = new(DemoProductGenerator.BarcodeText);

    public static readonly DemoVariation FirstCapture = new(0.6, -0.4, 1.02, 2, 1.5, 201);
    public static readonly DemoVariation SecondCapture = new(-0.7, 0.5, 0.98, -2, 1.8, 401);

    /// <summary>
    /// How far the parts of a false-call board are turned: beyond the few degrees the compare engine learns as capture
    /// variation, well within what an operator accepts as a good placement.
    /// </summary>
    public const double FalseCallDegrees = 8;

    /// <summary>Writes a board without the small IC and returns its path.</summary>
    public static string WriteMissingPart(string path, DemoVariation variation)
    {
        using var board = Painter.Render(variation, withoutIc2: true);
        return Write(board, path);
    }

    /// <summary>A capture under 25 % less light and a darker offset: compare ROIs cope, the LED's colour box does not.</summary>
    public static readonly DemoVariation DarkCapture = new(0.4, 0.3, 0.75, -15, 1.5, 301);

    /// <summary>Another dark capture (different shift, light and noise).</summary>
    public static readonly DemoVariation OtherDarkCapture = new(-0.5, 0.6, 0.72, -12, 1.6, 302);

    /// <summary>
    /// Writes a good board whose parts in <paramref name="rois"/> are turned by <paramref name="degrees"/> about their
    /// ROI centres, and returns its path.
    /// </summary>
    public static string WriteTurnedParts(string path, double degrees, DemoVariation variation, IEnumerable<int> rois)
    {
        using var board = Painter.Render(variation);
        foreach (var id in rois)
        {
            var r = Demo.RoiRects[id];
            using var area = new Mat(board, new Rect(r.X1, r.Y1, r.Width, r.Height));
            using var turn = Cv2.GetRotationMatrix2D(new Point2f(r.Width / 2f, r.Height / 2f), degrees, 1);
            using var copy = area.Clone();
            Cv2.WarpAffine(copy, area, turn, area.Size(), InterpolationFlags.Linear, BorderTypes.Replicate);
        }

        return Write(board, path);
    }

    private static string Write(Mat board, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, DemoProductGenerator.EncodeJpeg(board));
        return path;
    }
}
