using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Pixel-level second signal: the contrast–structure term of SSIM, (2·σab + C) / (σa² + σb² + C), computed in a
/// Gaussian window at every pixel of two aligned grey images. It ignores brightness offset and, to first order, gain,
/// but drops where the local pattern differs (a part turned, covered or missing). C keeps flat, noisy areas from
/// scoring as mismatches.
/// </summary>
public static class LocalStructureSimilarity
{
    /// <summary>SSIM's C2 for 8-bit images, (0.03·255)².</summary>
    public const double Stabiliser = 58.5225;
    public const double WindowSigma = 1.5;

    /// <summary>Per-pixel similarity of two single-channel float images of the same size, row-major.</summary>
    public static float[] Map(Mat a, Mat b)
    {
        using var aa = new Mat();
        using var bb = new Mat();
        using var ab = new Mat();
        Cv2.Multiply(a, a, aa);
        Cv2.Multiply(b, b, bb);
        Cv2.Multiply(a, b, ab);
        var muA = Blurred(a);
        var muB = Blurred(b);
        var eAA = Blurred(aa);
        var eBB = Blurred(bb);
        var eAB = Blurred(ab);
        var map = new float[muA.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var varA = Math.Max(0.0, eAA[i] - (double)muA[i] * muA[i]);
            var varB = Math.Max(0.0, eBB[i] - (double)muB[i] * muB[i]);
            var cov = eAB[i] - (double)muA[i] * muB[i];
            map[i] = (float)((2 * cov + Stabiliser) / (varA + varB + Stabiliser));
        }

        return map;
    }

    private static float[] Blurred(Mat m)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(m, blurred, new Size(0, 0), WindowSigma, WindowSigma, BorderTypes.Reflect);
        blurred.GetArray(out float[] values);
        return values;
    }
}
