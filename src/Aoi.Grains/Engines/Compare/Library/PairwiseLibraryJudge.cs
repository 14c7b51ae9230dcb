using System.Runtime.CompilerServices;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// A pair-wise similarity method (the classical opponent-SIFT method, the v2 aligned-spatial method, the legacy pooled
/// cosine) as a library judge, with the spec 3.3 rule: goldens in library order, the first one reaching the threshold
/// matches (and is the promotion candidate when it is not the reference); otherwise the best score is reported, and a
/// method that can judge the library as a whole (<see cref="ILibrarySimilarity"/>) may still pass it (nothing promoted),
/// unless the part is displaced from the reference and most goldens. The model is each golden's features plus the
/// calibration anchors of the reference.
/// </summary>
public sealed class PairwiseLibraryJudge(ISimilarityMethod method) : ILibraryJudge
{
    // Per image object, as in PatchLibraryJudge: the accuracy harness builds many models from the same loaded images.
    private readonly ConditionalWeakTable<Mat, ImageFeatures> _features = new();

    public ISimilarityMethod Method => method;

    public string Name => method.Name;

    public LibraryModel Build(Size roiSize, IReadOnlyList<GoldenImage> goldens, CancellationToken cancellationToken = default)
    {
        if (goldens.Count == 0)
        {
            throw new ArgumentException("a model needs at least one golden", nameof(goldens));
        }

        var features = new List<ImageFeatures>(goldens.Count);
        foreach (var golden in goldens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            features.Add(_features.GetValue(golden.Image, image =>
            {
                using var sized = AtSize(image, roiSize);
                return method.Extract(sized);
            }));
        }

        var reference = goldens[0].Image;
        var anchors = method.AnchorsFor(goldens.Count, features[0], () => AtSize(reference, roiSize));
        return new PairwiseModel(method.Name, roiSize, goldens.Select(g => g.Name).ToList(), features, anchors);
    }

    public CompareJudgement Judge(LibraryModel model, Mat crop, double threshold)
    {
        var m = model as PairwiseModel ?? throw new ArgumentException($"not a {method.Name} model", nameof(model));
        using var sized = AtSize(crop, m.RoiSize);
        var cropFeatures = method.Extract(sized);
        var best = double.NegativeInfinity;
        var closest = 0;
        var firstMatch = -1;
        var pairScores = new List<double>(m.Features.Count);
        for (var g = 0; g < m.Features.Count; g++)
        {
            var score = method.Score(cropFeatures, m.Features[g], m.Anchors);
            pairScores.Add(score);
            // Strictly greater keeps the first golden in order on ties (spec 3.3 step 5).
            if (score > best)
            {
                (best, closest) = (score, g);
            }

            if (firstMatch < 0 && ComparePassRule.Passes(score, threshold))
            {
                firstMatch = g;
            }
        }

        var checks = new List<CompareCheck>();
        var warnings = new List<string>();
        var displaced = false;
        if (method is ILibrarySimilarity library)
        {
            displaced = PlacementRule.IsDisplaced(library, cropFeatures, m.Features);
            checks.Add(new CompareCheck(CompareDefects.PlacementCheck, displaced ? 1 : 0, 0, !displaced));
            if (displaced)
            {
                best = Math.Min(best, PlacementCheck.DisplacedSimilarity);
                firstMatch = -1;
                warnings.Add("part displaced from the golden position");
            }
            else if (firstMatch < 0 && m.Features.Count > 1)
            {
                best = Math.Max(best, library.ScoreLibrary(cropFeatures, m.Features, pairScores));
            }
        }

        var passed = ComparePassRule.Passes(best, threshold);
        checks.Add(new CompareCheck(CompareDefects.SimilarityCheck, Math.Round(best, 4), threshold, passed));
        var defect = passed ? null : displaced ? CompareDefects.Displaced : CompareDefects.Different;
        return new CompareJudgement(best, defect, checks, closest, firstMatch > 0 ? firstMatch : -1, warnings);
    }

    /// <summary>The image at the ROI size (spec 3.3: the golden is resized to the crop's size when sizes differ).</summary>
    private static Mat AtSize(Mat image, Size size)
    {
        if (image.Size() == size)
        {
            return image.Clone();
        }

        var resized = new Mat();
        Cv2.Resize(image, resized, size, 0, 0, InterpolationFlags.Area);
        return resized;
    }

    private sealed class PairwiseModel(string method, Size roiSize, IReadOnlyList<string> goldens, IReadOnlyList<ImageFeatures> features, ScoreAnchors anchors)
        : LibraryModel(method, roiSize, goldens, [])
    {
        public IReadOnlyList<ImageFeatures> Features { get; } = features;

        public ScoreAnchors Anchors { get; } = anchors;

        // Feature sizes differ per method; a fixed estimate per golden is enough for the cache's budget.
        public override long Bytes => Features.Count * 256L * 1024;
    }
}
