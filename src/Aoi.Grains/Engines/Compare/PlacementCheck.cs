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
        var (w, h) = (size.Width, size.Height);
        // Tall images are searched transposed: the inner sums then run along the longer side (fewer, longer rows).
        var tall = h > w;
        var pa = Coarse(crop, size, tall);
        var pb = Coarse(golden, size, tall);
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
                var ncc = tall ? OverlapNcc(pa, pb, dy, dx) : OverlapNcc(pa, pb, dx, dy);
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

    /// <summary>Zero-mean NCC of crop pixel p with golden pixel p + (dx, dy) over their overlap; NaN when flat.
    /// Row prefix sums give Σa, Σa², Σb, Σb² per row segment in O(1); only Σab is a (vectorised) loop.</summary>
    private static double OverlapNcc(Image a, Image b, int dx, int dy)
    {
        var (w, h) = (a.Width, a.Height);
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
            var (ra, rb) = (y, y + dy);
            sa += a.Sum(ra, x0, x1);
            saa += a.SumOfSquares(ra, x0, x1);
            sb += b.Sum(rb, x0 + dx, x1 + dx);
            sbb += b.SumOfSquares(rb, x0 + dx, x1 + dx);
            sab += Dot(a.Row(ra, x0, x1), b.Row(rb, x0 + dx, x1 + dx));
        }

        var cov = sab - sa * sb / n;
        var varA = saa - sa * sa / n;
        var varB = sbb - sb * sb / n;
        return varA <= 1e-6 || varB <= 1e-6 ? double.NaN : cov / Math.Sqrt(varA * varB);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var lanes = System.Numerics.Vector<double>.Count;
        var sum = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - lanes; i += lanes)
        {
            sum += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>A coarse grey image as doubles with per-row prefix sums of values and squares.</summary>
    private sealed class Image
    {
        private readonly double[] pixels;
        private readonly double[] prefix;
        private readonly double[] prefixSquares;

        public Image(float[] values, int width, int height)
        {
            (Width, Height) = (width, height);
            pixels = Array.ConvertAll(values, v => (double)v);
            prefix = new double[height * (width + 1)];
            prefixSquares = new double[height * (width + 1)];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var v = pixels[y * width + x];
                    prefix[y * (width + 1) + x + 1] = prefix[y * (width + 1) + x] + v;
                    prefixSquares[y * (width + 1) + x + 1] = prefixSquares[y * (width + 1) + x] + v * v;
                }
            }
        }

        public int Width { get; }

        public int Height { get; }

        public ReadOnlySpan<double> Row(int y, int x0, int x1) => pixels.AsSpan(y * Width + x0, x1 - x0);

        public double Sum(int y, int x0, int x1) => prefix[y * (Width + 1) + x1] - prefix[y * (Width + 1) + x0];

        public double SumOfSquares(int y, int x0, int x1) =>
            prefixSquares[y * (Width + 1) + x1] - prefixSquares[y * (Width + 1) + x0];
    }

    private static Image Coarse(Mat grey, Size size, bool transposed)
    {
        using var shrunk = Shrink(grey, size);
        if (!transposed)
        {
            shrunk.GetArray(out float[] values);
            return new Image(values, size.Width, size.Height);
        }

        using var turned = new Mat();
        Cv2.Transpose(shrunk, turned);
        turned.GetArray(out float[] transposedValues);
        return new Image(transposedValues, size.Height, size.Width);
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
