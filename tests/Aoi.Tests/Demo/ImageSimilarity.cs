using OpenCvSharp;

namespace Aoi.Tests.Demo;

/// <summary>Plain pixel statistics for test pictures, independent of the compare engine under test.</summary>
public static class ImageSimilarity
{
    /// <summary>Zero-mean normalised cross-correlation of two equally sized BGR images, in grey (1 = same pattern).</summary>
    public static double Correlation(Mat a, Mat b)
    {
        using var ga = new Mat();
        using var gb = new Mat();
        Cv2.CvtColor(a, ga, ColorConversionCodes.BGR2GRAY);
        Cv2.CvtColor(b, gb, ColorConversionCodes.BGR2GRAY);
        using var result = new Mat();
        Cv2.MatchTemplate(ga, gb, result, TemplateMatchModes.CCoeffNormed);
        return result.Get<float>(0, 0);
    }

    /// <summary>Mean absolute difference over all pixels and channels of two equally sized BGR images (0..255).</summary>
    public static double MeanAbsoluteDifference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var perChannel = Cv2.Mean(diff);
        return (perChannel.Val0 + perChannel.Val1 + perChannel.Val2) / 3;
    }

    /// <summary>Share (0..100) of pixels whose R, G and B are all within ±tolerance of <paramref name="rgb"/>.</summary>
    public static double PercentNear(Mat bgr, int[] rgb, int tolerance)
    {
        using var mask = new Mat();
        var lo = new Scalar(Math.Max(rgb[2] - tolerance, 0), Math.Max(rgb[1] - tolerance, 0), Math.Max(rgb[0] - tolerance, 0));
        var hi = new Scalar(Math.Min(rgb[2] + tolerance, 255), Math.Min(rgb[1] + tolerance, 255), Math.Min(rgb[0] + tolerance, 255));
        Cv2.InRange(bgr, lo, hi, mask);
        return 100.0 * Cv2.CountNonZero(mask) / (bgr.Rows * bgr.Cols);
    }
}
