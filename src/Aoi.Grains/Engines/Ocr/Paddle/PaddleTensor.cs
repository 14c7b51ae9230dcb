using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// NCHW float input from an 8-bit BGR picture, normalised per channel as PaddleOCR trained it (BGR order kept:
/// the models were trained on OpenCV-decoded images).
/// </summary>
public static class PaddleTensor
{
    /// <summary>(x/255 - mean[c]) / std[c] per channel; columns beyond the picture up to <paramref name="width"/> are 0.</summary>
    public static float[] FromBgr(Mat bgr, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, int width)
    {
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit 3-channel picture, got {bgr.Type()}", nameof(bgr));
        }

        var rows = bgr.Rows;
        var cols = bgr.Cols;
        var pixels = new byte[rows * cols * 3];
        using (var continuous = bgr.IsContinuous() ? null : bgr.Clone())
        {
            Marshal.Copy((continuous ?? bgr).Data, pixels, 0, pixels.Length);
        }

        var plane = rows * width;
        var tensor = new float[3 * plane];
        for (var c = 0; c < 3; c++)
        {
            var scale = 1f / (255f * std[c]);
            var offset = mean[c] / std[c];
            for (var y = 0; y < rows; y++)
            {
                var source = y * cols * 3 + c;
                var target = c * plane + y * width;
                for (var x = 0; x < cols; x++)
                {
                    tensor[target + x] = pixels[source + x * 3] * scale - offset;
                }
            }
        }

        return tensor;
    }
}
