using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// The surroundings of one ROI on a full-frame board, built from a part image because the libraries hold no full
/// frames. The canvas is the ROI rectangle plus a margin on every side (enough for a displacement by a third of the
/// ROI); the part image is placed at the ROI coordinates (optionally shifted, sub-pixel) and everything outside it is
/// filled by mirroring the image's own outer band back and forth, so a shifted or displaced part brings board texture
/// (pads, solder mask, silk screen edges) into the crop instead of black or a smeared edge. Crops are then cut at the
/// configured coordinates, as the server cuts a live frame.
/// </summary>
public sealed class BoardScene
{
    /// <summary>Width of the mirrored outer band, as a fraction of each side: mostly board, rarely the part itself.</summary>
    private const double BandFraction = 0.12;

    public BoardScene(Size roiSize)
    {
        RoiSize = roiSize;
        MarginX = (int)Math.Ceiling(roiSize.Width * 0.45) + 4;
        MarginY = (int)Math.Ceiling(roiSize.Height * 0.45) + 4;
    }

    public Size RoiSize { get; }
    public int MarginX { get; }
    public int MarginY { get; }

    /// <summary>The configured ROI rectangle in canvas coordinates.</summary>
    public Rect RoiRect => new(MarginX, MarginY, RoiSize.Width, RoiSize.Height);

    public Size CanvasSize => new(RoiSize.Width + 2 * MarginX, RoiSize.Height + 2 * MarginY);

    /// <summary>
    /// A canvas holding <paramref name="part"/> (ROI size) at the ROI position moved by (dx, dy) pixels, with mirrored
    /// board around it. Bilinear for fractional shifts.
    /// </summary>
    public Mat Place(Mat part, double dx = 0, double dy = 0)
    {
        if (part.Size() != RoiSize)
        {
            throw new ArgumentException($"part is {part.Width}x{part.Height}, ROI is {RoiSize.Width}x{RoiSize.Height}", nameof(part));
        }

        var canvas = CanvasSize;
        using var mapX = new Mat(canvas.Height, canvas.Width, MatType.CV_32FC1);
        using var mapY = new Mat(canvas.Height, canvas.Width, MatType.CV_32FC1);
        var bandX = Math.Max(2, (int)Math.Round(RoiSize.Width * BandFraction));
        var bandY = Math.Max(2, (int)Math.Round(RoiSize.Height * BandFraction));
        var xs = new float[canvas.Width];
        for (var x = 0; x < canvas.Width; x++)
        {
            xs[x] = Mirror(x - MarginX - dx, RoiSize.Width, bandX);
        }

        var xMap = new float[canvas.Width * canvas.Height];
        var yMap = new float[xMap.Length];
        for (var y = 0; y < canvas.Height; y++)
        {
            var sy = Mirror(y - MarginY - dy, RoiSize.Height, bandY);
            Array.Copy(xs, 0, xMap, y * canvas.Width, canvas.Width);
            Array.Fill(yMap, sy, y * canvas.Width, canvas.Width);
        }

        mapX.SetArray(xMap);
        mapY.SetArray(yMap);

        var placed = new Mat();
        Cv2.Remap(part, placed, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Reflect101);
        return placed;
    }

    /// <summary>
    /// The crop at the configured coordinates of <paramref name="part"/> placed moved by (dx, dy) pixels and turned by
    /// <paramref name="degrees"/> about the ROI's centre, board around it.
    /// </summary>
    public Mat Cut(Mat part, double dx = 0, double dy = 0, double degrees = 0)
    {
        using var canvas = Place(part, dx, dy);
        if (degrees == 0)
        {
            return Crop(canvas);
        }

        var roi = RoiRect;
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(roi.X + roi.Width / 2f, roi.Y + roi.Height / 2f), degrees, 1.0);
        using var turned = new Mat();
        Cv2.WarpAffine(canvas, turned, rotation, canvas.Size(), InterpolationFlags.Linear, BorderTypes.Reflect101);
        return Crop(turned);
    }

    /// <summary>The crop at the configured coordinates (a copy, continuous).</summary>
    public Mat Crop(Mat canvas)
    {
        using var view = new Mat(canvas, RoiRect);
        return view.Clone();
    }

    /// <summary>
    /// Source coordinate of a canvas coordinate: inside the part it is itself; outside it ping-pongs inside the outer
    /// band of width <paramref name="band"/> so the surroundings continue the board seen at the part's edge.
    /// </summary>
    private static float Mirror(double position, int length, int band)
    {
        if (position >= 0 && position <= length - 1)
        {
            return (float)position;
        }

        var period = 2.0 * band;
        if (position < 0)
        {
            var d = (-position) % period;
            return (float)(d <= band ? d : period - d);
        }

        var e = (position - (length - 1)) % period;
        return (float)(length - 1 - (e <= band ? e : period - e));
    }
}
