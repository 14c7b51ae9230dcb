using System.Numerics.Tensors;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// Zero-mean normalised cross-correlation of a template at every place inside a source image — the same score and the
/// same rules as OpenCV's <c>matchTemplate</c> with <c>TM_CCOEFF_NORMED</c> (a score beyond ±1 by rounding is clamped,
/// a flat window scores 0), computed directly. The patch method aligns grey images of a few dozen pixels a side, where
/// OpenCV's DFT-based correlation cost most of a compare score (≈ 0.7 ms per call against ≈ 0.05 ms here).
/// </summary>
public static class ZeroMeanNcc
{
    /// <summary>
    /// Scores of the template (the <paramref name="templateRect"/> part of <paramref name="image"/>) at every offset
    /// of <paramref name="source"/>, row-major, (sourceWidth − tw + 1) × (sourceHeight − th + 1); null when the template
    /// is flat (standard deviation below <paramref name="flatStd"/>).
    /// </summary>
    public static double[]? Map(
        ReadOnlySpan<float> source, int sourceWidth, int sourceHeight,
        ReadOnlySpan<float> image, int imageWidth, (int X, int Y, int Width, int Height) templateRect, double flatStd)
    {
        var (tx, ty, tw, th) = templateRect;
        var n = tw * th;
        double sum = 0;
        for (var y = 0; y < th; y++)
        {
            foreach (var v in image.Slice((ty + y) * imageWidth + tx, tw))
            {
                sum += v;
            }
        }

        var mean = sum / n;
        var template = new float[n];
        double norm2 = 0;
        for (var y = 0; y < th; y++)
        {
            var row = image.Slice((ty + y) * imageWidth + tx, tw);
            for (var x = 0; x < tw; x++)
            {
                var d = row[x] - mean;
                template[y * tw + x] = (float)d;
                norm2 += d * d;
            }
        }

        if (Math.Sqrt(norm2 / n) < flatStd)
        {
            return null;
        }

        // Integral images of the source and its square give every window's sum and sum of squares in O(1).
        var iw = sourceWidth + 1;
        var s1 = new double[iw * (sourceHeight + 1)];
        var s2 = new double[iw * (sourceHeight + 1)];
        for (var y = 0; y < sourceHeight; y++)
        {
            double r1 = 0, r2 = 0;
            for (var x = 0; x < sourceWidth; x++)
            {
                double v = source[y * sourceWidth + x];
                r1 += v;
                r2 += v * v;
                s1[(y + 1) * iw + x + 1] = s1[y * iw + x + 1] + r1;
                s2[(y + 1) * iw + x + 1] = s2[y * iw + x + 1] + r2;
            }
        }

        var (rw, rh) = (sourceWidth - tw + 1, sourceHeight - th + 1);
        var result = new double[rw * rh];
        var templateNorm = Math.Sqrt(norm2);
        for (var v = 0; v < rh; v++)
        {
            for (var u = 0; u < rw; u++)
            {
                double numerator = 0;
                for (var y = 0; y < th; y++)
                {
                    numerator += TensorPrimitives.Dot(template.AsSpan(y * tw, tw), source.Slice((v + y) * sourceWidth + u, tw));
                }

                var windowSum = s1[(v + th) * iw + u + tw] - s1[v * iw + u + tw] - s1[(v + th) * iw + u] + s1[v * iw + u];
                var windowSum2 = s2[(v + th) * iw + u + tw] - s2[v * iw + u + tw] - s2[(v + th) * iw + u] + s2[v * iw + u];
                var denominator = Math.Sqrt(Math.Max(windowSum2 - windowSum * windowSum / n, 0)) * templateNorm;
                // OpenCV's rule: rounding may push |score| a little past 1 (clamped); a flat window scores 0.
                result[v * rw + u] = Math.Abs(numerator) < denominator ? numerator / denominator
                    : Math.Abs(numerator) < denominator * 1.125 ? Math.Sign(numerator)
                    : 0;
            }
        }

        return result;
    }

    /// <summary>The first maximum in row-major order inside a window of a score map (OpenCV's minMaxLoc rule).</summary>
    public static (int X, int Y, double Score) Best(double[] map, int mapWidth, int x0, int y0, int width, int height)
    {
        var best = (X: x0, Y: y0, Score: double.NegativeInfinity);
        for (var y = y0; y < y0 + height; y++)
        {
            for (var x = x0; x < x0 + width; x++)
            {
                if (map[y * mapWidth + x] > best.Score)
                {
                    best = (x, y, map[y * mapWidth + x]);
                }
            }
        }

        return best;
    }
}
