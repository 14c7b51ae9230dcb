using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// <see cref="IProposedLibraryJudge"/> on the server's compare engine: the crop goes through <see cref="CompareEvaluator"/>'s
/// own scoring path (same methods, anchors, library score and placement rule as an inspection) against the given
/// library, with nothing promoted. A crop that does not decode, or an engine failure, is an error (the crop could not
/// be judged), never a pass; an empty library simply fails the crop.
/// </summary>
public sealed class CompareProposedLibraryJudge(CompareEvaluator compare, IOptions<AoiOptions> options) : IProposedLibraryJudge
{
    public async Task<LibraryJudgement> JudgeAsync(
        string productName, RoiDefinition roi, string cropFile, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken)
    {
        var threshold = roi.AiThreshold ?? options.Value.DefaultCompareThreshold;
        if (library.Count == 0)
        {
            // An empty library fails every crop ("no golden sample"): a verdict, not a failure to judge.
            return new LibraryJudgement(false, 0, threshold, null);
        }

        // As kept: at the size it was cut (a clipped crop stays clipped); the goldens are sized to it, as in an inspection.
        using var crop = Cv2.ImRead(cropFile, ImreadModes.Color);
        if (crop.Empty())
        {
            return new LibraryJudgement(false, 0, threshold, $"crop {Path.GetFileName(cropFile)} cannot be read");
        }

        var context = new RoiEvaluationContext(crop, roi, productName, ProductFolder: "", ProductColorRanges: null);
        var evaluation = await compare.JudgeAsync(context, library, cancellationToken);
        evaluation.GoldenUsed?.Dispose();
        var outcome = evaluation.Compare;
        return new LibraryJudgement(evaluation.Passed && evaluation.Error is null, outcome?.AiSimilarity ?? 0,
            outcome?.Threshold ?? threshold, evaluation.Error);
    }
}
