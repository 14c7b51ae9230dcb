using Aoi.Grains.Golden;
using Aoi.Grains.Review;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// <see cref="ILibraryJudge"/> on the server's compare engine: the crop goes through <see cref="CompareEvaluator"/>'s
/// own scoring path (same methods, anchors, library score and placement rule as an inspection) against the given
/// library, with nothing promoted. A crop that does not decode is an error, never a pass.
/// </summary>
public sealed class CompareLibraryJudge(CompareEvaluator compare) : ILibraryJudge
{
    public async Task<LibraryJudgement> JudgeAsync(
        string productName, RoiDefinition roi, string cropFile, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken)
    {
        // As kept: at the size it was cut (a clipped crop stays clipped); the goldens are sized to it, as in an inspection.
        using var crop = Cv2.ImRead(cropFile, ImreadModes.Color);
        if (crop.Empty())
        {
            return new LibraryJudgement(false, 0, roi.AiThreshold ?? 0, $"crop {Path.GetFileName(cropFile)} cannot be read");
        }

        var context = new RoiEvaluationContext(crop, roi, productName, ProductFolder: "", ProductColorRanges: null);
        var evaluation = await compare.JudgeAsync(context, library, cancellationToken);
        evaluation.GoldenUsed?.Dispose();
        var outcome = evaluation.Compare;
        return new LibraryJudgement(evaluation.Passed && evaluation.Error is null, outcome?.AiSimilarity ?? 0,
            outcome?.Threshold ?? roi.AiThreshold ?? 0, evaluation.Error);
    }
}
