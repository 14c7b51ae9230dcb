using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Pixel-level measures used by the library-health check and the defect generator. They do not depend on any
/// similarity method, so every method is evaluated on the same split and the same defects.
/// </summary>
public static class ImageMeasures
{
    /// <summary>Fraction of each side searched for the best alignment: the genuine nuisance shift (spec 3.6: ±4 %) plus slack.</summary>
    public const double AlignmentSearch = 0.06;

    /// <summary>Sharpness: variance of the Laplacian of the grey image (low = blurred).</summary>
    public static double LaplacianVariance(Mat bgr)
    {
        using var grey = Grey(bgr);
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_32F);
        Cv2.MeanStdDev(laplacian, out _, out var std);
        return std.Val0 * std.Val0;
    }

    /// <summary>
    /// Normalised cross-correlation of two same-size images after the best integer shift within
    /// <see cref="AlignmentSearch"/> of each side: the centre of <paramref name="a"/> (trimmed by the search margin) is
    /// slid over <paramref name="b"/>. 1 = identical up to shift, gain and offset; near 0 = unrelated. A flat image has
    /// no defined correlation and scores 0.
    /// </summary>
    public static double AlignedNcc(Mat a, Mat b)
    {
        using var ga = Grey(a);
        using var gb = Grey(b);
        var mx = Math.Max(1, (int)Math.Round(ga.Width * AlignmentSearch));
        var my = Math.Max(1, (int)Math.Round(ga.Height * AlignmentSearch));
        if (ga.Width - 2 * mx < 4 || ga.Height - 2 * my < 4)
        {
            (mx, my) = (0, 0);
        }

        using var template = new Mat(ga, new Rect(mx, my, ga.Width - 2 * mx, ga.Height - 2 * my));
        using var result = new Mat();
        Cv2.MatchTemplate(gb, template, result, TemplateMatchModes.CCoeffNormed);
        Cv2.MinMaxLoc(result, out _, out double max);
        return double.IsFinite(max) ? Math.Clamp(max, -1.0, 1.0) : 0.0;
    }

    /// <summary>Aligned NCC between an image and itself turned by 180°: high means the part looks the same turned.</summary>
    public static double Rotation180Ncc(Mat bgr)
    {
        using var turned = new Mat();
        Cv2.Rotate(bgr, turned, RotateFlags.Rotate180);
        return AlignedNcc(bgr, turned);
    }

    /// <summary>Median of a non-empty list.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>Median absolute deviation scaled to a standard deviation for normal data.</summary>
    public static double RobustSpread(IReadOnlyList<double> values)
    {
        var median = Median(values);
        return 1.4826 * Median(values.Select(v => Math.Abs(v - median)).ToArray());
    }

    private static Mat Grey(Mat bgr)
    {
        var grey = new Mat();
        if (bgr.Channels() == 1)
        {
            bgr.ConvertTo(grey, MatType.CV_32F);
        }
        else
        {
            using var g8 = new Mat();
            Cv2.CvtColor(bgr, g8, ColorConversionCodes.BGR2GRAY);
            g8.ConvertTo(grey, MatType.CV_32F);
        }

        return grey;
    }
}
