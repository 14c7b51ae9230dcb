using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Compare ROIs (spec 3.3): score the crop against the ROI's golden samples in library order, stop at the first that
/// reaches the threshold and have it promoted when it is an alternative (spec 4.3). When none does and the method can
/// judge the library as a whole (<see cref="ILibrarySimilarity"/>), the library score of all readable goldens decides:
/// ai_similarity is the higher of it and the best single-golden score, the reported golden stays the closest single
/// golden, and nothing is promoted (no single golden matched). Any internal failure fails the ROI; nothing here can
/// turn an error into a pass.
/// </summary>
public sealed class CompareEvaluator(
    SimilarityMethodSelector methods,
    GoldenFeatureCache cache,
    IGoldenPromoter promoter,
    IOptions<AoiOptions> options,
    ILogger<CompareEvaluator> logger) : IRoiEvaluator
{
    public int RoiType => RoiDefinition.Compare;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        GuardedAsync(context, threshold =>
        {
            var folder = new GoldenFolder(Path.Combine(context.ProductFolder, "golden_rois", $"roi_{context.Roi.Idx}"));
            return EvaluateCoreAsync(context, threshold, folder.ListCandidates(), folder, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The verdict this engine gives the crop of <paramref name="context"/> against exactly <paramref name="library"/>
    /// (files anywhere, in compare order), scored as an inspection scores but without reading the ROI's folder or
    /// promoting anything: the what-if of a library change (see <see cref="Review.ILibraryJudge"/>). The caller
    /// disposes <see cref="RoiEvaluation.GoldenUsed"/>.
    /// </summary>
    public Task<RoiEvaluation> JudgeAsync(RoiEvaluationContext context, IReadOnlyList<GoldenCandidate> library, CancellationToken cancellationToken) =>
        GuardedAsync(context, threshold => EvaluateCoreAsync(context, threshold, library, folder: null, cancellationToken), cancellationToken);

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

    /// <param name="folder">The ROI's own folder when <paramref name="candidates"/> is its listing: only then are renamed
    /// candidates followed and a matching alternative promoted.</param>
    private async Task<RoiEvaluation> EvaluateCoreAsync(RoiEvaluationContext context, double threshold,
        IReadOnlyList<GoldenCandidate> candidates, GoldenFolder? folder, CancellationToken cancellationToken)
    {
        var roi = context.Roi;
        if (candidates.Count == 0)
        {
            return Failed(threshold, "no golden sample");
        }

        var method = methods.For(roi.FeatureMethod);
        using var crop = ToBgr(context.Crop);
        var cropFeatures = method.Extract(crop);
        var size = crop.Size();
        var warnings = new List<string>();
        var scoredGoldens = new List<ImageFeatures>(candidates.Count);
        var scoredFeatures = new Dictionary<int, ImageFeatures>();
        var anchors = ScoreAnchors.Default;
        var pairScores = new List<double>(candidates.Count);
        var position = -1;

        GoldenCandidate? chosen = null;
        Mat? chosenImage = null;
        var similarity = double.NegativeInfinity;
        var matched = false;
        try
        {
            foreach (var listed in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                position++;
                var candidate = listed;
                var (features, image) = GoldenFeatures(candidate, method, size);
                if (features is null && folder?.Relocated(candidate) is { } moved)
                {
                    // Renamed by a concurrent promotion since the listing (spec 8 case 29): score it under its new name.
                    candidate = moved;
                    (features, image) = GoldenFeatures(candidate, method, size);
                }

                if (features is null)
                {
                    warnings.Add($"unreadable golden sample {candidate.Name} skipped");
                    logger.LogWarning("Unreadable golden sample {Path} skipped", candidate.FullPath);
                    continue;
                }

                scoredGoldens.Add(features);
                scoredFeatures[position] = features;
                if (scoredGoldens.Count == 1)
                {
                    // The first readable golden is the reference; a sparse library calibrates on it (once per file version).
                    var reference = candidate;
                    anchors = method.AnchorsFor(candidates.Count, features, () => GoldenImages.LoadAtSize(reference.FullPath, size));
                }

                var score = method.Score(cropFeatures, features, anchors);
                pairScores.Add(score);
                // Strictly greater keeps the first candidate in order on ties (spec 3.3 step 5).
                if (score > similarity)
                {
                    chosenImage?.Dispose();
                    (chosen, chosenImage, similarity) = (candidate, image, score);
                }
                else
                {
                    image?.Dispose();
                }

                if (ComparePassRule.Passes(score, threshold))
                {
                    matched = true;
                    break;
                }
            }

            if (chosen is null)
            {
                return Failed(threshold, "no readable golden sample", warnings.Count > 0 ? string.Join("; ", warnings) : null);
            }

            if (method is ILibrarySimilarity library)
            {
                // Placement is judged before anything is promoted: a displaced part can still resemble an alternative
                // that was itself captured off-centre. Goldens not scored yet are read only if the verdict needs them.
                if (PlacementRule.IsDisplaced(library, cropFeatures, candidates.Count, i => PlacementFeatures(i, candidates, scoredFeatures, method, size)))
                {
                    matched = false;
                    similarity = Math.Min(similarity, PlacementCheck.DisplacedSimilarity);
                    warnings.Add("part displaced from the golden position");
                }
                else if (!matched && scoredGoldens.Count > 1)
                {
                    similarity = Math.Max(similarity, library.ScoreLibrary(cropFeatures, scoredGoldens, pairScores));
                }
            }

            var warning = warnings.Count > 0 ? string.Join("; ", warnings) : null;

            // On a cache hit the winner was never decoded; it is needed once, for golden_idx.jpg, and must be read
            // before a promotion renames it.
            chosenImage ??= GoldenImages.LoadAtSize(chosen.FullPath, size);
            if (folder is not null && matched && !chosen.IsBest)
            {
                await PromoteAsync(context, chosen, candidates.FirstOrDefault(c => c.IsBest)?.Stamp);
            }

            var evaluation = new RoiEvaluation(
                ComparePassRule.Passes(similarity, threshold),
                Warning: warning,
                Compare: ComparePassRule.Outcome(similarity, threshold),
                GoldenUsed: chosenImage);
            chosenImage = null;
            return evaluation;
        }
        finally
        {
            chosenImage?.Dispose();
        }
    }

    /// <summary>
    /// One step per golden of a compare ROI that computes and caches its features at the ROI size (and, for the
    /// reference of a sparse library, its calibration anchors), so the ROI's first inspection finds them ready. Steps
    /// are separate so a caller can interleave them with inspections; a file gone meanwhile is skipped.
    /// </summary>
    public IReadOnlyList<Action> WarmupSteps(string productFolder, RoiDefinition roi)
    {
        var candidates = new GoldenFolder(Path.Combine(productFolder, "golden_rois", $"roi_{roi.Idx}")).ListCandidates();
        var method = methods.For(roi.FeatureMethod);
        var size = new Size(roi.Coords.Width, roi.Coords.Height);
        return candidates.Select((candidate, i) => (Action)(() =>
        {
            var (features, image) = GoldenFeatures(candidate, method, size);
            image?.Dispose();
            if (i == 0 && features is not null)
            {
                method.AnchorsFor(candidates.Count, features, () => GoldenImages.LoadAtSize(candidate.FullPath, size));
            }
        })).ToList();
    }

    /// <summary>Features of the i-th candidate for the placement verdict: as scored, else read (cached) now.</summary>
    private ImageFeatures? PlacementFeatures(
        int i, IReadOnlyList<GoldenCandidate> candidates, Dictionary<int, ImageFeatures> scored, ISimilarityMethod method, Size size)
    {
        if (scored.TryGetValue(i, out var features))
        {
            return features;
        }

        var (read, image) = GoldenFeatures(candidates[i], method, size);
        image?.Dispose();
        return read;
    }

    /// <summary>Features of one golden at the crop size, from the cache when the file is unchanged.</summary>
    private (ImageFeatures? Features, Mat? Image) GoldenFeatures(GoldenCandidate candidate, ISimilarityMethod method, Size size)
    {
        var key = new GoldenFeatureKey(candidate.FullPath, candidate.Size, candidate.LastWriteTicks, size.Width, size.Height, method.Name);
        if (cache.TryGet(key, out var cached))
        {
            return (cached, null);
        }

        var image = GoldenImages.LoadAtSize(candidate.FullPath, size);
        if (image is null)
        {
            return (null, null);
        }

        try
        {
            var features = method.Extract(image);
            // Only cache what was really read under the listed stamp; a file replaced meanwhile is scored but not kept.
            if (new GoldenFolder(Path.GetDirectoryName(candidate.FullPath)!).StampOf(candidate.Name) == candidate.Stamp)
            {
                cache.Add(key, features);
            }

            return (features, image);
        }
        catch
        {
            image.Dispose();
            throw;
        }
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
