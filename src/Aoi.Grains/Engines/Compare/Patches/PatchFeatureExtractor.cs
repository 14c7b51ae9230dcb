using System.Buffers;
using System.Numerics.Tensors;
using Aoi.Grains.Engines.Compare.Models;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// Mid-level deep features of a crop at its own aspect ratio (docs/compare-method.md, "v3"): the crop is scaled so its
/// shorter side is at least <see cref="MinShortSide"/> px (small parts are enlarged, so a 40×30 resistor still spans
/// 14×10 cells; enlarging further made the cells see the print on the part, which real captures vary in: measured on
/// 01858512, 112 px passed 13 of 24 held-out captures, 80 px 16, 64 px 17 with 2 escapes) and its area at most <see cref="MaxPixels"/> (the cost bound), both sides rounded to multiples of 16;
/// ResNet-18 stages 2 and 3 run at that size; stage 3 is resized to the stage-2 grid (bilinear) and stacked under it
/// (384 channels); each cell is averaged with its 3×3 neighbourhood (PatchCore's local aggregation, which makes a cell
/// tolerant to a few pixels of local deformation).
/// </summary>
public sealed class PatchFeatureExtractor(ResNet18Backbone backbone)
{
    public const int MinShortSide = 80;
    public const int MaxPixels = 160 * 160;
    public const int MaxSide = 448;

    /// <summary>Grey images for alignment are this many times smaller than the working size (2 grey pixels per cell).</summary>
    public const int GreyReduction = 4;

    private const int CellStride = 8;

    public ResNet18Backbone Backbone => backbone;

    /// <summary>The working size of a ROI: aspect kept, sides multiples of <see cref="ResNet18Backbone.SizeMultiple"/>.</summary>
    public static Size WorkSize(Size roi)
    {
        var (w, h) = (Math.Max(1, roi.Width), Math.Max(1, roi.Height));
        var scale = Math.Max(1.0, MinShortSide / (double)Math.Min(w, h));
        if (w * h * scale * scale > MaxPixels)
        {
            scale = Math.Sqrt(MaxPixels / (double)(w * h));
        }

        scale = Math.Min(scale, MaxSide / (double)Math.Max(w, h));
        const int m = ResNet18Backbone.SizeMultiple;
        return new Size(
            Math.Max(2 * m, (int)Math.Round(w * scale / m) * m),
            Math.Max(2 * m, (int)Math.Round(h * scale / m) * m));
    }

    /// <summary>The image as the backbone sees it: resized to the working size of a ROI of <paramref name="roiSize"/>.</summary>
    public static Mat AtWorkSize(Mat bgr, Size roiSize)
    {
        var work = WorkSize(roiSize);
        var resized = new Mat();
        Cv2.Resize(bgr, resized, work, 0, 0, work.Width < bgr.Width ? InterpolationFlags.Area : InterpolationFlags.Linear);
        return resized;
    }

    /// <summary>Features of a BGR 8-bit image of the ROI's size (any size is accepted; it is resized to the working size).</summary>
    public PatchFeatures Extract(Mat bgr, Size roiSize)
    {
        using var resized = AtWorkSize(bgr, roiSize);
        var work = resized.Size();
        var (stage2, stage3) = backbone.Run(resized);
        var cells = Aggregate(stage2, stage3);

        using var grey = new Mat();
        Cv2.CvtColor(resized, grey, ColorConversionCodes.BGR2GRAY);
        using var small = new Mat();
        Cv2.Resize(grey, small, new Size(work.Width / GreyReduction, work.Height / GreyReduction), 0, 0, InterpolationFlags.Area);
        using var asFloat = new Mat();
        small.ConvertTo(asFloat, MatType.CV_32F);
        asFloat.GetArray(out float[] greyValues);
        return new PatchFeatures(stage2.Width, stage2.Height, stage2.Channels + stage3.Channels, cells, small.Width, small.Height, greyValues);
    }

    /// <summary>Stage 2 and stage 3 (bilinear to the stage-2 grid) stacked per cell, then a 3×3 mean that counts only
    /// cells inside the grid; position-major.</summary>
    private static float[] Aggregate(FeatureMap stage2, FeatureMap stage3)
    {
        var (w, h) = (stage2.Width, stage2.Height);
        var channels = stage2.Channels + stage3.Channels;
        var pool = ArrayPool<float>.Shared;
        var stacked = pool.Rent(w * h * channels);
        for (var c = 0; c < stage2.Channels; c++)
        {
            for (var p = 0; p < w * h; p++)
            {
                stacked[p * channels + c] = stage2.Values[c * w * h + p];
            }
        }

        // Bilinear with half-pixel centres (as OpenCV's resize and torch's align_corners=false), on position-major
        // stage-3 vectors so each output cell is a few vector operations (the same float operations, in the same order,
        // as the per-channel formula top·(1−fy) + bottom·fy with top = v00·(1−fx) + v01·fx).
        var (w3, h3, c3) = (stage3.Width, stage3.Height, stage3.Channels);
        var cells3 = pool.Rent(w3 * h3 * c3);
        var scratch = pool.Rent(4 * c3);
        try
        {
            for (var c = 0; c < c3; c++)
            {
                for (var p = 0; p < w3 * h3; p++)
                {
                    cells3[p * c3 + c] = stage3.Values[c * w3 * h3 + p];
                }
            }

            var a = scratch.AsSpan(0, c3);
            var b = scratch.AsSpan(c3, c3);
            var top = scratch.AsSpan(2 * c3, c3);
            var bottom = scratch.AsSpan(3 * c3, c3);
            for (var y = 0; y < h; y++)
            {
                var sy = Math.Clamp((y + 0.5) * h3 / h - 0.5, 0, h3 - 1);
                var y0 = (int)Math.Floor(sy);
                var y1 = Math.Min(h3 - 1, y0 + 1);
                var fy = (float)(sy - y0);
                for (var x = 0; x < w; x++)
                {
                    var sx = Math.Clamp((x + 0.5) * w3 / w - 0.5, 0, w3 - 1);
                    var x0 = (int)Math.Floor(sx);
                    var x1 = Math.Min(w3 - 1, x0 + 1);
                    var fx = (float)(sx - x0);
                    Lerp(Cell3(y0, x0), Cell3(y0, x1), fx, a, b, top);
                    Lerp(Cell3(y1, x0), Cell3(y1, x1), fx, a, b, bottom);
                    Lerp(top, bottom, fy, a, b, stacked.AsSpan((y * w + x) * channels + stage2.Channels, c3));
                }
            }
        }
        finally
        {
            pool.Return(cells3);
            pool.Return(scratch);
        }

        Span<float> Cell3(int y, int x) => cells3.AsSpan((y * w3 + x) * c3, c3);

        var pooled = new float[w * h * channels];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var target = pooled.AsSpan((y * w + x) * channels, channels);
                var count = 0;
                for (var ny = Math.Max(0, y - 1); ny <= Math.Min(h - 1, y + 1); ny++)
                {
                    for (var nx = Math.Max(0, x - 1); nx <= Math.Min(w - 1, x + 1); nx++)
                    {
                        TensorPrimitives.Add(target, stacked.AsSpan((ny * w + nx) * channels, channels), target);
                        count++;
                    }
                }

                TensorPrimitives.Divide(target, count, target);
            }
        }

        pool.Return(stacked);
        return pooled;
    }

    /// <summary>target = from·(1 − f) + to·f, element-wise, as two products and a sum (no fused multiply-add).</summary>
    private static void Lerp(ReadOnlySpan<float> from, ReadOnlySpan<float> to, float f, Span<float> a, Span<float> b, Span<float> target)
    {
        TensorPrimitives.Multiply(from, 1 - f, a);
        TensorPrimitives.Multiply(to, f, b);
        TensorPrimitives.Add(a, b, target);
    }
}
