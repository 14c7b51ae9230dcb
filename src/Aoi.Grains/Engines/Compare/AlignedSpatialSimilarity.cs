using System.Runtime.CompilerServices;
using Aoi.Grains.Engines.Compare.Models;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Deep compare method (spec 3.3, 3.6): the crop is aligned to the golden, then compared place by place with two
/// signals that each see local defects, blended and calibrated (docs/compare-method.md):
/// <list type="number">
/// <item>Alignment: offset within ±12 % of each side maximising zero-mean NCC of the grey crop's interior with the
/// golden (grey at ≤ 160 px on the longer side).</item>
/// <item>Pixel structure: SSIM contrast–structure term on the aligned overlap (gain/offset invariant); the lowest mean of
/// a 4×4 block grid, so half a part covered or turned cannot hide in an average.</item>
/// <item>Deep: ResNet-18 stage-3 map (14×14×256, intermediate output exposed by <see cref="Models.OnnxModelEdits"/>);
/// for each crop position the best cosine with golden positions at the aligned place ±1 cell, both vectors centred on
/// the golden's mean vector so what every position shares does not count; averaged.</item>
/// <item>raw = ½·deep + ½·(½ + ½·structure), similarity = <see cref="ScoreCalibration"/>(raw).</item>
/// </list>
/// Deterministic: integer alignment with a fixed tie rule, fixed-order sums; features are a function of the image only,
/// so cached golden features give the same score.
/// </summary>
public sealed class AlignedSpatialSimilarity(ResNet18Model model, AlignedSpatialTuning? tuning = null) : ILibrarySimilarity
{
    /// <summary>Longer side of the grey working image; larger ROIs are shrunk (area averaging) to this.</summary>
    public const int WorkSide = 160;

    /// <summary>Alignment search range as a fraction of each side (genuine shifts reach ±4 %).</summary>
    public const double SearchFraction = 0.12;

    private const int Blocks = 4;

    private readonly AlignedSpatialTuning tuning = tuning ?? AlignedSpatialTuning.Default;

    private readonly ConditionalWeakTable<ImageFeatures, StrongBox<ScoreAnchors>> anchors = new();

    public string Name => "resnet18-aligned-spatial-v2";

    /// <summary>Golden positions searched around the aligned place, in stage-3 cells (one cell = 1/14 of a side).</summary>
    private const int DeepRadius = 1;

    public ImageFeatures Extract(Mat bgr)
    {
        var stage3 = model.FeatureMaps(bgr, ResNet18Model.Stage3Output)[0];
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
        var detail = new AlignedImageFeatures(size.Width, size.Height, pixels, SpatialFeatures.From(stage3));
        return new ImageFeatures([], detail);
    }

    public double Score(ImageFeatures crop, ImageFeatures golden) => Explain(crop, golden, withPlacement: false).Similarity;

    public double Score(ImageFeatures crop, ImageFeatures golden, ScoreAnchors anchors) =>
        anchors == ScoreAnchors.Default ? Score(crop, golden) : ScoreCalibration.ToSimilarity(Explain(crop, golden, withPlacement: false).Raw, anchors);

    public ScoreAnchors AnchorsFor(int goldenCount, ImageFeatures reference, Func<Mat?> referenceImage)
    {
        if (!tuning.CalibrateSparseLibraries || goldenCount > SparseLibraryCalibration.MaxGoldens)
        {
            return ScoreAnchors.Default;
        }

        // Keyed by the features object: cached golden features are one object per file version, so a changed
        // reference gets new anchors and an evicted one takes its anchors with it.
        if (anchors.TryGetValue(reference, out var known))
        {
            return known.Value;
        }

        using var image = referenceImage();
        if (image is null)
        {
            return ScoreAnchors.Default;
        }

        var computed = SparseLibraryCalibration.Anchors(this, image, reference);
        anchors.AddOrUpdate(reference, new StrongBox<ScoreAnchors>(computed));
        return computed;
    }

    /// <summary>The score and its signals; the placement relative to this golden is measured when asked (it is
    /// diagnostic here: verdicts judge placement against the reference golden, <see cref="IsDisplaced"/>).</summary>
    public SimilarityBreakdown Explain(ImageFeatures crop, ImageFeatures golden, bool withPlacement = true)
    {
        var a = Detail(crop);
        var b = Detail(golden);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException("crop and golden features were extracted at different sizes");
        }

        using var greyA = ToMat(a);
        var (alignment, rectA, structure) = AlignAndCompareStructure(greyA, a, b);
        var (structureMean, structureWorst) = MeanAndWorstBlock(structure, rectA.Width, rectA.Height);

        var (deepMean, deepWorst) = DeepAgreement(a.Stage3, b.Stage3, alignment, a);
        var raw = Blend(deepMean, structureWorst);
        var placement = withPlacement ? MeasurePlacement(greyA, b) : default;
        return new SimilarityBreakdown(alignment, structureMean, structureWorst, deepMean, deepWorst, raw,
            ScoreCalibration.ToSimilarity(raw), placement);
    }

    /// <summary>
    /// Aligns the golden's grey work image to the crop's and returns the alignment, the crop-side overlap rectangle and
    /// the pixel-structure map over that overlap (the pair and the library score share this step).
    /// </summary>
    private (CropAlignment Alignment, Rect OverlapInCrop, float[] Structure) AlignAndCompareStructure(
        Mat greyA, AlignedImageFeatures a, AlignedImageFeatures b)
    {
        using var greyB = ToMat(b);
        var alignment = CropAlignment.Find(
            greyA, greyB, (int)Math.Ceiling(a.Width * tuning.SearchFraction), (int)Math.Ceiling(a.Height * tuning.SearchFraction));
        var (rectA, rectB) = alignment.Overlap(greyA.Size());
        // Cloned so the Gaussian window sees only the overlap: blurring a sub-matrix would read pixels beyond it.
        using var viewA = new Mat(greyA, rectA);
        using var viewB = new Mat(greyB, rectB);
        using var overlapA = viewA.Clone();
        using var overlapB = viewB.Clone();
        return (alignment, rectA, StructureMap(overlapA, overlapB));
    }

    /// <summary>
    /// The library as a patch memory: the crop is aligned to every golden separately; each stage-3 position keeps its
    /// best centred cosine over all goldens (±1 cell around each golden's aligned place), each block of a 4×4 grid in
    /// crop coordinates keeps its best mean pixel structure over all goldens. Then the same blend and calibration as a
    /// pair, so one golden alone gives (up to block borders) its pair score and more goldens can only raise it where
    /// some golden shows that place as the crop does. A place no golden explains (a defect) stays low.
    /// </summary>
    public double ScoreLibrary(ImageFeatures crop, IReadOnlyList<ImageFeatures> goldens, IReadOnlyList<double>? pairScores = null)
    {
        if (goldens.Count == 0)
        {
            return 0.0;
        }

        var a = Detail(crop);
        using var greyA = ToMat(a);
        var deep = new float[a.Stage3.Width * a.Stage3.Height];
        Array.Fill(deep, float.NaN);
        var blocks = new double[Blocks * Blocks];
        Array.Fill(blocks, double.NaN);
        foreach (var golden in Neighbours(crop, goldens, pairScores))
        {
            var b = Detail(golden);
            if (a.Width != b.Width || a.Height != b.Height)
            {
                throw new ArgumentException("crop and golden features were extracted at different sizes");
            }

            var (alignment, rectA, structure) = AlignAndCompareStructure(greyA, a, b);
            var pairBlocks = BlockMeansInCrop(structure, rectA, a.Width, a.Height);
            for (var i = 0; i < blocks.Length; i++)
            {
                // NaN-aware max: a block the overlap does not reach under this golden's shift takes no vote from it.
                if (!double.IsNaN(pairBlocks[i]) && (double.IsNaN(blocks[i]) || pairBlocks[i] > blocks[i]))
                {
                    blocks[i] = pairBlocks[i];
                }
            }

            var offsetX = (int)Math.Round(alignment.Dx * a.Stage3.Width / (double)a.Width);
            var offsetY = (int)Math.Round(alignment.Dy * a.Stage3.Height / (double)a.Height);
            var grid = a.Stage3.BestLocalCosinesGrid(b.Stage3, offsetX, offsetY, DeepRadius, b.Stage3.Mean);
            for (var i = 0; i < deep.Length; i++)
            {
                if (!float.IsNaN(grid[i]) && (float.IsNaN(deep[i]) || grid[i] > deep[i]))
                {
                    deep[i] = grid[i];
                }
            }
        }

        var (deepMean, _) = MeanAndWorstBlock(deep, a.Stage3.Width, a.Stage3.Height);
        var structureWorst = blocks.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0.0).Min();
        var raw = Blend(deepMean, structureWorst);
        return ScoreCalibration.ToSimilarity(raw);
    }

    public bool IsDisplacedFrom(ImageFeatures crop, ImageFeatures golden)
    {
        using var greyA = ToMat(Detail(crop));
        return MeasurePlacement(greyA, Detail(golden)).Displaced;
    }

    private Placement MeasurePlacement(Mat greyA, AlignedImageFeatures b)
    {
        if (!tuning.CheckPlacement)
        {
            return default;
        }

        using var greyB = ToMat(b);
        return PlacementCheck.Measure(greyA, greyB);
    }

    /// <summary>All goldens, or those whose pair score reaches <see cref="AlignedSpatialTuning.LibraryPairFloor"/>, at most
    /// the <see cref="AlignedSpatialTuning.LibraryNeighbours"/> with the best pair scores (library order on ties, so the
    /// choice is deterministic).</summary>
    private IEnumerable<ImageFeatures> Neighbours(ImageFeatures crop, IReadOnlyList<ImageFeatures> goldens, IReadOnlyList<double>? pairScores)
    {
        var bounded = tuning.LibraryNeighbours > 0 && goldens.Count > tuning.LibraryNeighbours;
        if (!bounded && tuning.LibraryPairFloor <= 0)
        {
            return goldens;
        }

        var scored = goldens.Select((g, i) => (Golden: g, Index: i, Score: pairScores?[i] ?? Score(crop, g)))
            .Where(x => x.Score >= tuning.LibraryPairFloor)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Index);
        return (bounded ? scored.Take(tuning.LibraryNeighbours) : scored).Select(x => x.Golden).ToList();
    }

    private double Blend(double deep, double structure) =>
        tuning.DeepWeight * deep + (1 - tuning.DeepWeight) * (0.5 + 0.5 * structure);

    private float[] StructureMap(Mat a, Mat b)
    {
        if (tuning.StructureBlurSigma <= 0)
        {
            return LocalStructureSimilarity.Map(a, b);
        }

        using var blurredA = new Mat();
        using var blurredB = new Mat();
        Cv2.GaussianBlur(a, blurredA, new Size(0, 0), tuning.StructureBlurSigma, tuning.StructureBlurSigma, BorderTypes.Reflect);
        Cv2.GaussianBlur(b, blurredB, new Size(0, 0), tuning.StructureBlurSigma, tuning.StructureBlurSigma, BorderTypes.Reflect);
        return LocalStructureSimilarity.Map(blurredA, blurredB);
    }

    /// <summary>Mean structure per block of a 4×4 grid over the whole crop (NaN where the overlap has no pixel).</summary>
    private static double[] BlockMeansInCrop(float[] values, Rect overlap, int width, int height)
    {
        var sums = new double[Blocks * Blocks];
        var counts = new int[Blocks * Blocks];
        for (var y = 0; y < overlap.Height; y++)
        {
            for (var x = 0; x < overlap.Width; x++)
            {
                var v = values[y * overlap.Width + x];
                if (float.IsNaN(v))
                {
                    continue;
                }

                var block = (y + overlap.Y) * Blocks / height * Blocks + (x + overlap.X) * Blocks / width;
                sums[block] += v;
                counts[block]++;
            }
        }

        var means = new double[Blocks * Blocks];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = counts[i] > 0 ? sums[i] / counts[i] : double.NaN;
        }

        return means;
    }

    private static (double Mean, double Worst) DeepAgreement(SpatialFeatures crop, SpatialFeatures golden, CropAlignment alignment, AlignedImageFeatures size)
    {
        var offsetX = (int)Math.Round(alignment.Dx * crop.Width / (double)size.Width);
        var offsetY = (int)Math.Round(alignment.Dy * crop.Height / (double)size.Height);
        var grid = crop.BestLocalCosinesGrid(golden, offsetX, offsetY, DeepRadius, golden.Mean);
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
