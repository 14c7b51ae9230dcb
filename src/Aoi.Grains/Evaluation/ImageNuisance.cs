using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Deterministic image disturbances of a line camera (spec 3.6). Each returns a new 8-bit BGR image; noise comes from
/// a seeded generator so that every run produces the same pixels.
/// </summary>
public static class ImageNuisance
{
    /// <summary>out = in × gain + offset, saturated (gain 0.85 = 15 % less light).</summary>
    public static Mat GainOffset(Mat bgr, double gain, double offset)
    {
        var result = new Mat();
        bgr.ConvertTo(result, MatType.CV_8UC3, gain, offset);
        return result;
    }

    public static Mat Blur(Mat bgr, double sigma)
    {
        var result = new Mat();
        Cv2.GaussianBlur(bgr, result, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
        return result;
    }

    /// <summary>Independent Gaussian sensor noise per pixel and channel, σ in grey levels, from <paramref name="seed"/>.</summary>
    public static Mat Noise(Mat bgr, double sigma, int seed)
    {
        var random = new Random(seed);
        using var continuous = bgr.Clone();
        var bytes = new byte[continuous.Total() * continuous.ElemSize()];
        Marshal.Copy(continuous.Data, bytes, 0, bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(Math.Round(bytes[i] + sigma * StandardNormal(random)), 0, 255);
        }

        var result = new Mat(bgr.Rows, bgr.Cols, MatType.CV_8UC3);
        Marshal.Copy(bytes, 0, result.Data, bytes.Length);
        return result;
    }

    /// <summary>Encode and decode as JPEG at the given quality, as a camera client does.</summary>
    public static Mat Jpeg(Mat bgr, int quality)
    {
        Cv2.ImEncode(".jpg", bgr, out var encoded, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return Cv2.ImDecode(encoded, ImreadModes.Color);
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
