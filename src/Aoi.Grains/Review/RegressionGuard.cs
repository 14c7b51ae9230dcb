using Aoi.Grains.Golden;
using Aoi.Grains.Inspection;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Review;

/// <summary>
/// The regression check of every golden library change: a change is refused when the library it leaves would let a
/// regression sample (confirmed defect) of the ROI pass that the library before the change rejects. A sample the
/// current library already lets pass does not block unrelated changes (that would freeze the library instead of
/// letting an engineer repair it); the product evaluation lists such escapes. A sample that cannot be judged refuses
/// the change: an unchecked change could let it pass. Judging goes through <see cref="IProposedLibraryJudge"/> only.
/// </summary>
public sealed partial class RegressionGuard(
    IProposedLibraryJudge judge, RegressionSamples samples, IProductSnapshotSource products, ILogger<RegressionGuard> logger)
{
    public RegressionSamples Samples => samples;

    /// <summary>
    /// The check of a change to the ROI folder <paramref name="folder"/>: <paramref name="change"/> turns the current
    /// library into the proposed one, given the path of <paramref name="newImage"/> written to a temporary file (null
    /// when there is none). Costs nothing when the ROI has no regression samples. <paramref name="exceptInspection"/>
    /// leaves out the sample of an inspection whose verdict is being overturned.
    /// </summary>
    public async Task<RegressionEscape?> CheckChangeAsync(string product, int idx, GoldenFolder folder,
        Func<LibraryProposal, string?, LibraryProposal> change, byte[]? newImage = null, string? exceptInspection = null,
        CancellationToken cancellationToken = default)
    {
        var kept = samples.List(product, idx).Where(s => s.Info.InspectionId != exceptInspection).ToList();
        if (kept.Count == 0)
        {
            return null;
        }

        var (roi, problem) = await CompareRoiAsync(product, idx);
        if (problem is not null)
        {
            return new RegressionEscape(kept[0].Info.InspectionId, idx, 0, 0, problem);
        }

        if (roi is null)
        {
            return null; // not a compare ROI (any more): inspections never read this library
        }

        var temp = newImage is null ? null : Path.Combine(Path.GetTempPath(), $"aoi-proposal-{Guid.NewGuid():N}.jpg");
        try
        {
            if (temp is not null)
            {
                await File.WriteAllBytesAsync(temp, newImage!, cancellationToken);
            }

            var current = LibraryProposal.Of(folder.ListCandidates());
            var proposed = change(current, temp);
            return proposed.SameAs(current) ? null : await FindEscapeAsync(product, roi, kept, current.Candidates, proposed.Candidates, cancellationToken);
        }
        finally
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// The first of <paramref name="kept"/> that <paramref name="proposed"/> lets pass while <paramref name="current"/>
    /// rejects it (an empty current library rejects everything), or that cannot be judged; null when none.
    /// </summary>
    /// <remarks>
    /// Each golden the proposal adds is also judged with the reference alone: a compare model may leave a golden that
    /// contradicts the rest of a large library out, so the whole library can reject a defect that the added golden
    /// itself explains — and would let pass as soon as the library changes again. Such a golden is refused now.
    /// </remarks>
    public async Task<RegressionEscape?> FindEscapeAsync(string product, RoiDefinition roi, IReadOnlyList<RegressionSample> kept,
        IReadOnlyList<GoldenCandidate> current, IReadOnlyList<GoldenCandidate> proposed, CancellationToken cancellationToken)
    {
        var libraries = new List<IReadOnlyList<GoldenCandidate>> { proposed };
        var reference = proposed.FirstOrDefault(c => c.IsBest);
        foreach (var added in proposed.Where(p => !p.IsBest && !current.Any(c => c.Name == p.Name && c.Stamp == p.Stamp)))
        {
            libraries.Add(reference is null ? [added] : [reference, added]);
        }

        foreach (var sample in kept)
        {
            foreach (var library in libraries)
            {
                if (await EscapeAsync(product, roi, sample, current, library, cancellationToken) is { } escape)
                {
                    return escape;
                }
            }
        }

        return null;
    }

    private async Task<RegressionEscape?> EscapeAsync(string product, RoiDefinition roi, RegressionSample sample,
        IReadOnlyList<GoldenCandidate> current, IReadOnlyList<GoldenCandidate> proposed, CancellationToken cancellationToken)
    {
        var after = await judge.JudgeAsync(product, roi, sample.CropFile, proposed, cancellationToken);
        if (after.Error is { } error)
        {
            LogUnjudged(product, roi.Idx, sample.Info.InspectionId, error);
            return new RegressionEscape(sample.Info.InspectionId, roi.Idx, after.Similarity, after.Threshold, error);
        }

        if (!after.Passed)
        {
            return null;
        }

        var before = current.Count == 0 ? null : await judge.JudgeAsync(product, roi, sample.CropFile, current, cancellationToken);
        if (before is { Passed: true })
        {
            LogAlreadyEscaping(product, roi.Idx, sample.Info.InspectionId, before.Similarity);
            return null;
        }

        return new RegressionEscape(sample.Info.InspectionId, roi.Idx, after.Similarity, after.Threshold, null);
    }

    /// <summary>The ROI's verdict on one crop with its current folder; null when the ROI is not a compare ROI.</summary>
    public async Task<LibraryJudgement?> JudgeCurrentAsync(string product, int idx, GoldenFolder folder, string cropFile, CancellationToken cancellationToken = default)
    {
        var (roi, problem) = await CompareRoiAsync(product, idx);
        if (problem is not null)
        {
            return new LibraryJudgement(false, 0, 0, problem);
        }

        return roi is null ? null : await judge.JudgeAsync(product, roi, cropFile, folder.ListCandidates(), cancellationToken);
    }

    /// <summary>The ROI as configured now when it is a compare ROI; a problem text when the configuration is unusable.</summary>
    public async Task<(RoiDefinition? Roi, string? Problem)> CompareRoiAsync(string product, int idx)
    {
        var snapshot = await products.GetSnapshotAsync(product);
        if (snapshot.Snapshot is not { } config)
        {
            return snapshot.NotFound ? (null, $"product {product} not found") : (null, $"configuration of {product} unusable");
        }

        return (config.Rois.FirstOrDefault(r => r.Idx == idx && r.Type == RoiDefinition.Compare), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Regression sample {InspectionId} of {Product} ROI {Idx} could not be judged: {Error}")]
    private partial void LogUnjudged(string product, int idx, string inspectionId, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Regression sample {InspectionId} of {Product} ROI {Idx} already passes the current library (similarity {Similarity:F3}); see the product evaluation")]
    private partial void LogAlreadyEscaping(string product, int idx, string inspectionId, double similarity);
}
