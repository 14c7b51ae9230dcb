using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Is the part where the golden shows it? Real captures of a part sit up to ≈ 15 % of the ROI away from the golden's
/// position (fixture and board tolerance, measured on the real libraries), a displaced part a third of its size away.
/// The appearance alignment searches only ±<see cref="AlignedSpatialSimilarity.SearchFraction"/>, so a displaced part
/// with a repeating pattern (a row of screws) can align onto its neighbour and look right. This check searches a wide
/// range at a coarse scale with zero-mean NCC over the overlap of both images and calls the part displaced when the
/// content clearly fits better outside the tolerance than anywhere inside it.
/// </summary>
public static class PlacementCheck
{
    /// <summary>Shorter side of the coarse images (one pixel ≈ 3 % of it), unless the longer would exceed <see cref="MaxCoarseSide"/>.</summary>
    public const int CoarseShortSide = 32;

    /// <summary>Longer side bound of the coarse images (bounds the cost of the search).</summary>
    public const int MaxCoarseSide = 96;

    /// <summary>Offsets up to this fraction of each side are acceptable placement (real captures reach ≈ 0.21).</summary>
    public const double Tolerance = 0.25;

    /// <summary>Offsets searched, as a fraction of each side (beyond a third, so a displaced part is found where it is).</summary>
    public const double SearchFraction = 0.4;

    /// <summary>The outside match must beat the best inside match by this much NCC to count as displaced.</summary>
    public const double Margin = 0.05;

    /// <summary>The outside match must itself be at least this good (a real match, not the best of noise).</summary>
    public const double MinimumMatch = 0.5;

    /// <summary>Similarity a displaced part is capped at: below every configured threshold (0.78–0.93).</summary>
    public const double DisplacedSimilarity = 0.5;

    /// <param name="crop">Grey float image of the crop (working resolution).</param>
    /// <param name="golden">Grey float image of the golden, same size.</param>
    public static Placement Measure(Mat crop, Mat golden)
    {
        var scale = Math.Min(1.0, Math.Min(
            CoarseShortSide / (double)Math.Min(crop.Width, crop.Height), MaxCoarseSide / (double)Math.Max(crop.Width, crop.Height)));
        var size = new Size(Math.Max(1, (int)Math.Round(crop.Width * scale)), Math.Max(1, (int)Math.Round(crop.Height * scale)));
        using var a = Shrink(crop, size);
        using var b = Shrink(golden, size);
        a.GetArray(out float[] pa);
        b.GetArray(out float[] pb);
        var (w, h) = (size.Width, size.Height);
        var rangeX = (int)Math.Floor(w * SearchFraction);
        var rangeY = (int)Math.Floor(h * SearchFraction);
        var tolX = w * Tolerance;
        var tolY = h * Tolerance;

        var inside = (Dx: 0, Dy: 0, Ncc: double.NegativeInfinity);
        var outside = (Dx: 0, Dy: 0, Ncc: double.NegativeInfinity);
        for (var dy = -rangeY; dy <= rangeY; dy++)
        {
            for (var dx = -rangeX; dx <= rangeX; dx++)
            {
                var ncc = OverlapNcc(pa, pb, w, h, dx, dy);
                if (double.IsNaN(ncc))
                {
                    continue;
                }

                var within = Math.Abs(dx) <= tolX && Math.Abs(dy) <= tolY;
                if (within && ncc > inside.Ncc)
                {
                    inside = (dx, dy, ncc);
                }
                else if (!within && ncc > outside.Ncc)
                {
                    outside = (dx, dy, ncc);
                }
            }
        }

        var displaced = outside.Ncc >= MinimumMatch && outside.Ncc - Math.Max(inside.Ncc, -1.0) >= Margin;
        var best = displaced ? outside : inside;
        return new Placement(best.Dx / (double)w, best.Dy / (double)h, double.IsNegativeInfinity(inside.Ncc) ? 0 : inside.Ncc,
            double.IsNegativeInfinity(outside.Ncc) ? 0 : outside.Ncc, displaced);
    }

    /// <summary>Zero-mean NCC of crop pixel p with golden pixel p + (dx, dy) over their overlap; NaN when flat.</summary>
    private static double OverlapNcc(float[] a, float[] b, int w, int h, int dx, int dy)
    {
        var x0 = Math.Max(0, -dx);
        var x1 = Math.Min(w, w - dx);
        var y0 = Math.Max(0, -dy);
        var y1 = Math.Min(h, h - dy);
        var n = (x1 - x0) * (y1 - y0);
        if (n < 4)
        {
            return double.NaN;
        }

        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var y = y0; y < y1; y++)
        {
            var rowA = y * w;
            var rowB = (y + dy) * w + dx;
            for (var x = x0; x < x1; x++)
            {
                double va = a[rowA + x];
                double vb = b[rowB + x];
                sa += va;
                sb += vb;
                saa += va * va;
                sbb += vb * vb;
                sab += va * vb;
            }
        }

        var cov = sab - sa * sb / n;
        var varA = saa - sa * sa / n;
        var varB = sbb - sb * sb / n;
        return varA <= 1e-6 || varB <= 1e-6 ? double.NaN : cov / Math.Sqrt(varA * varB);
    }

    private static Mat Shrink(Mat grey, Size size)
    {
        var result = new Mat();
        if (grey.Size() == size)
        {
            grey.CopyTo(result);
        }
        else
        {
            Cv2.Resize(grey, result, size, 0, 0, InterpolationFlags.Area);
        }

        return result;
    }
}

/// <summary>Where the crop's content sits relative to a golden, as fractions of the ROI sides.</summary>
/// <param name="Dx">Horizontal offset of the best match (outside the tolerance when displaced).</param>
/// <param name="Dy">Vertical offset of the best match.</param>
/// <param name="InsideNcc">Best NCC within the placement tolerance.</param>
/// <param name="OutsideNcc">Best NCC beyond it.</param>
/// <param name="Displaced">The content clearly fits better beyond the tolerance.</param>
public readonly record struct Placement(double Dx, double Dy, double InsideNcc, double OutsideNcc, bool Displaced);
