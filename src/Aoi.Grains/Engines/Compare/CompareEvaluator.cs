using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Compare ROIs (spec 3.3): the crop is judged against the ROI's model, built from its golden library when the library
/// changed and cached (<see cref="CompareModels"/>), so an inspection only scores. The verdict carries the named checks
/// and, when failed, the defect; the reported golden is the closest one; when the reference does not match on its own
/// but an alternative does, that alternative is promoted (spec 4.3). Any internal failure fails the ROI; nothing here
/// can turn an error into a pass.
/// </summary>
public sealed class CompareEvaluator(
    CompareModels models,
    IGoldenPromoter promoter,
    IOptions<AoiOptions> options,
    ILogger<CompareEvaluator> logger) : IRoiEvaluator
{
    public int RoiType => RoiDefinition.Compare;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        GuardedAsync(context, threshold => EvaluateCoreAsync(context, threshold, library: null, cancellationToken), cancellationToken);

    /// <summary>
    /// The verdict this engine gives the crop of <paramref name="context"/> against exactly <paramref name="library"/>
    /// (files anywhere, in compare order), scored as an inspection scores (a model of those files, cached like the
    /// folder's) but without reading the ROI's folder or promoting anything: the what-if of a library change (see
    /// <see cref="Review.IProposedLibraryJudge"/>). The caller disposes <see cref="RoiEvaluation.GoldenUsed"/>.
    /// </summary>
    public Task<RoiEvaluation> JudgeAsync(RoiEvaluationContext context, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken) =>
        GuardedAsync(context, threshold => EvaluateCoreAsync(context, threshold, library, cancellationToken), cancellationToken);

    private async Task<RoiEvaluation> GuardedAsync(
        RoiEvaluationContext context, Func<double, Task<RoiEvaluation>> evaluate, CancellationToken cancellationToken)
    {
        var threshold = context.Roi.AiThreshold ?? options.Value.DefaultCompareThreshold;
        try
        {
            return await evaluate(threshold);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Compare of ROI {Idx} ({Product}) failed", context.Roi.Idx, context.ProductName);
            return Failed(threshold, $"compare processing failed: {ex.Message}");
        }
    }

    /// <summary>Builds (or finds) the model of one compare ROI of a product's folder, before an inspection needs it.</summary>
    public void Warm(string productFolder, RoiDefinition roi) => models.For(productFolder, roi);

    /// <param name="library">Null: the ROI's own folder (renamed goldens followed, a matching alternative promoted);
    /// otherwise exactly these files, nothing promoted.</param>
    private async Task<RoiEvaluation> EvaluateCoreAsync(RoiEvaluationContext context, double threshold,
        IReadOnlyList<GoldenCandidate>? library, CancellationToken cancellationToken)
    {
        var roi = context.Roi;
        var lookup = library is null
            ? models.For(context.ProductFolder, roi, cancellationToken)
            : models.ForFiles(roi, library, cancellationToken);
        if (lookup.Model is not { } model)
        {
            var unreadable = lookup.Unreadable is { Count: > 0 } names
                ? string.Join("; ", names.Select(n => $"unreadable golden sample {n} skipped"))
                : null;
            return Failed(threshold, lookup.Error ?? "no golden sample", unreadable);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var crop = ToBgr(context.Crop);
        var judgement = lookup.Judge.Judge(model, crop, threshold);
        var warnings = model.Excluded
            .Where(e => e.Reason == CompareModels.UnreadableReason)
            .Select(e => $"unreadable golden sample {e.Name} skipped")
            .Concat(judgement.Warnings)
            .ToList();

        var folder = library is null ? new GoldenFolder(Path.Combine(context.ProductFolder, "golden_rois", $"roi_{roi.Idx}")) : null;
        var closest = Current(folder, lookup.Candidates, model.Goldens[judgement.ClosestGolden]);
        var passed = ComparePassRule.Passes(judgement.Similarity, threshold);
        // golden_idx.jpg shows the closest golden; it is read before a promotion can rename it.
        var goldenUsed = closest is null ? null : GoldenImages.LoadAtSize(closest.FullPath, crop.Size());
        if (folder is not null && !context.DryRun && passed && judgement.MatchingGolden > 0
            && Current(folder, lookup.Candidates, model.Goldens[judgement.MatchingGolden]) is { IsBest: false } match)
        {
            await PromoteAsync(context, match, lookup.Candidates.FirstOrDefault(c => c.IsBest)?.Stamp);
        }

        var outcome = new CompareOutcome(
            passed ? ComparePassRule.Match : ComparePassRule.Different,
            judgement.Similarity,
            threshold,
            passed ? null : judgement.Defect ?? CompareDefects.Different,
            [.. judgement.Checks]);
        return new RoiEvaluation(passed, Warning: warnings.Count > 0 ? string.Join("; ", warnings) : null, Compare: outcome, GoldenUsed: goldenUsed);
    }

    /// <summary>The listed candidate of a golden the model knows by name (null if it left the folder since).</summary>
    private static GoldenCandidate? Current(GoldenFolder? folder, IReadOnlyList<GoldenCandidate> candidates, string name)
    {
        var listed = candidates.FirstOrDefault(c => c.Name == name);
        if (listed is null)
        {
            return null;
        }

        return File.Exists(listed.FullPath) || folder is null ? listed : folder.Relocated(listed);
    }

    private async Task PromoteAsync(RoiEvaluationContext context, GoldenCandidate candidate, string? bestStamp)
    {
        try
        {
            await promoter.PromoteMatchAsync(context.ProductName, context.Roi.Idx, candidate.Name, candidate.Stamp, bestStamp);
        }
        catch (Exception ex)
        {
            // The verdict is already decided by the match; a failed promotion only leaves the library order as it was.
            logger.LogWarning(ex, "Promotion of {Candidate} for {Product} ROI {Idx} failed", candidate.Name, context.ProductName, context.Roi.Idx);
        }
    }

    private static Mat ToBgr(Mat crop)
    {
        var bgr = new Mat();
        switch (crop.Channels())
        {
            case 1:
                Cv2.CvtColor(crop, bgr, ColorConversionCodes.GRAY2BGR);
                break;
            case 4:
                Cv2.CvtColor(crop, bgr, ColorConversionCodes.BGRA2BGR);
                break;
            default:
                crop.CopyTo(bgr);
                break;
        }

        return bgr;
    }

    private static RoiEvaluation Failed(double threshold, string error, string? warning = null) =>
        new(false, Error: error, Warning: warning, Compare: new CompareOutcome(ComparePassRule.Different, 0.0, threshold));
}
