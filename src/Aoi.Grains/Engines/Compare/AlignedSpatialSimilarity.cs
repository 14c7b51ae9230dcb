using Aoi.Grains.Engines.Compare.Models;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Deep compare method (spec 3.3, 3.6). Work in progress: measured components, calibration pending.
/// </summary>
public sealed class AlignedSpatialSimilarity(ResNet18Model model) : ISimilarityMethod
{
    /// <summary>Longer side of the grey working image; larger ROIs are shrunk (area averaging) to this.</summary>
    public const int WorkSide = 160;

    /// <summary>Alignment search range as a fraction of each side (genuine shifts reach ±4 %).</summary>
    public const double SearchFraction = 0.12;

    private const int Blocks = 4;

    public string Name => "resnet18-aligned-spatial-v1";

    public ImageFeatures Extract(Mat bgr)
    {
        var maps = model.FeatureMaps(bgr, ResNet18Model.Stage2Output, ResNet18Model.Stage3Output);
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        var scale = Math.Min(1.0, WorkSide / (double)Math.Max(bgr.Width, bgr.Height));
        var size = new Size(Math.Max(1, (int)Math.Round(bgr.Width * scale)), Math.Max(1, (int)Math.Round(bgr.Height * scale)));
        using var work = new Mat();
        if (size == grey.Size())
        {
            grey.ConvertTo(work, MatType.CV_32F);
        }
        else
        {
            using var small = new Mat();
            Cv2.Resize(grey, small, size, 0, 0, InterpolationFlags.Area);
            small.ConvertTo(work, MatType.CV_32F);
        }

        work.GetArray(out float[] pixels);
        var detail = new AlignedImageFeatures(size.Width, size.Height, pixels, SpatialFeatures.From(maps[0]), SpatialFeatures.From(maps[1]));
        return new ImageFeatures([], detail);
    }

    public double Score(ImageFeatures crop, ImageFeatures golden) => Explain(crop, golden).Similarity;

    public SimilarityBreakdown Explain(ImageFeatures crop, ImageFeatures golden)
    {
        var a = Detail(crop);
        var b = Detail(golden);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException("crop and golden features were extracted at different sizes");
        }

        using var greyA = ToMat(a);
        using var greyB = ToMat(b);
        var alignment = CropAlignment.Find(
            greyA, greyB, (int)Math.Ceiling(a.Width * SearchFraction), (int)Math.Ceiling(a.Height * SearchFraction));
        var (rectA, rectB) = alignment.Overlap(greyA.Size());
        // Cloned so the Gaussian window sees only the overlap: blurring a sub-matrix would read pixels beyond it.
        using var viewA = new Mat(greyA, rectA);
        using var viewB = new Mat(greyB, rectB);
        using var overlapA = viewA.Clone();
        using var overlapB = viewB.Clone();
        var structure = LocalStructureSimilarity.Map(overlapA, overlapB);
        var (structureMean, structureWorst) = MeanAndWorstBlock(structure, rectA.Width, rectA.Height);

        var (s2Mean, s2Worst) = DeepAgreement(a.Stage2, b.Stage2, alignment, a, new float[a.Stage2.Channels]);
        var (s3Mean, s3Worst) = DeepAgreement(a.Stage3, b.Stage3, alignment, a, new float[a.Stage3.Channels]);
        var (c2Mean, c2Worst) = DeepAgreement(a.Stage2, b.Stage2, alignment, a, b.Stage2.Mean);
        var (c3Mean, c3Worst) = DeepAgreement(a.Stage3, b.Stage3, alignment, a, b.Stage3.Mean);
        var similarity = Math.Min(structureMean, s2Mean);
        return new SimilarityBreakdown(alignment, structureMean, structureWorst, s2Mean, s2Worst, s3Mean, s3Worst, similarity)
        {
            Centred2Mean = c2Mean, Centred2Worst = c2Worst, Centred3Mean = c3Mean, Centred3Worst = c3Worst,
        };
    }

    private static (double Mean, double Worst) DeepAgreement(SpatialFeatures crop, SpatialFeatures golden, CropAlignment alignment, AlignedImageFeatures size, float[] centre)
    {
        var offsetX = (int)Math.Round(alignment.Dx * crop.Width / (double)size.Width);
        var offsetY = (int)Math.Round(alignment.Dy * crop.Height / (double)size.Height);
        var grid = crop.BestLocalCosinesGrid(golden, offsetX, offsetY, radius: 1, centre);
        return MeanAndWorstBlock(grid, crop.Width, crop.Height);
    }

    /// <summary>Mean of all finite values and the lowest mean of a 4×4 grid of blocks (local defects show there).</summary>
    private static (double Mean, double Worst) MeanAndWorstBlock(float[] values, int width, int height)
    {
        double total = 0;
        var count = 0;
        var sums = new double[Blocks * Blocks];
        var counts = new int[Blocks * Blocks];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = values[y * width + x];
                if (float.IsNaN(v))
                {
                    continue;
                }

                total += v;
                count++;
                var block = y * Blocks / height * Blocks + x * Blocks / width;
                sums[block] += v;
                counts[block]++;
            }
        }

        var worst = double.PositiveInfinity;
        for (var i = 0; i < sums.Length; i++)
        {
            if (counts[i] > 0)
            {
                worst = Math.Min(worst, sums[i] / counts[i]);
            }
        }

        return count == 0 ? (0.0, 0.0) : (total / count, worst);
    }

    private static Mat ToMat(AlignedImageFeatures features)
    {
        var mat = new Mat(features.Height, features.Width, MatType.CV_32F);
        mat.SetArray(features.Grey);
        return mat;
    }

    private AlignedImageFeatures Detail(ImageFeatures features) =>
        features.Detail as AlignedImageFeatures
        ?? throw new ArgumentException($"features were not extracted by {Name}");
}
