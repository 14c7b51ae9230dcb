using Aoi.Grains.Golden;
using Aoi.Grains.Imaging;
using Aoi.Grains.Review;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>
/// The review station's changes to this ROI's library (<see cref="IGoldenReviewGrain"/>). In the same activation as
/// every other golden change, so the regression check of a learned golden and the arrival of a new confirmed defect
/// can never interleave.
/// </summary>
public sealed partial class GoldenLibraryGrain
{
    public async Task<GoldenReviewResult> ApplyReviewAsync(GoldenReviewChange change)
    {
        await _hold.WaitUntilFreeAsync();
        var (product, idx) = Key();
        var folder = Folder();
        var learnedName = LearnedGolden.NameFor(change.InspectionId);
        try
        {
            return change.IsDefect
                ? await ConfirmDefectAsync(change, folder, learnedName)
                : await ConfirmFalseCallAsync(change, product, idx, folder, learnedName);
        }
        finally
        {
            Invalidate(folder);
            RebuildAfterThisCall();
        }
    }

    public async Task<RegressionSampleInfo[]> ListRegressionSamplesAsync()
    {
        await _hold.WaitUntilFreeAsync();
        var (product, idx) = Key();
        return [.. guard.Samples.List(product, idx).Select(s => s.Info)];
    }

    /// <summary>A golden this inspection taught goes; its crop becomes a regression sample; the reviewer hears whether the library still passes it.</summary>
    private async Task<GoldenReviewResult> ConfirmDefectAsync(GoldenReviewChange change, GoldenFolder folder, string learnedName)
    {
        var removed = new GoldenLibraryOperations(folder).Withdraw(learnedName) ? learnedName : null;
        if (removed is not null)
        {
            logger.LogWarning("Golden {File} in {Folder} withdrawn: its inspection is now a confirmed defect", removed, folder.FullPath);
        }

        if (change.Crop is not { } crop || change.Sample is not { } sample)
        {
            return new GoldenReviewResult(GoldenReviewOutcome.Applied, null, false, removed, null, null);
        }

        guard.Samples.Keep(sample, crop);
        var kept = Path.Combine(guard.Samples.FolderOf(sample.Product, sample.RoiId), change.InspectionId + ".jpg");
        var now = await guard.JudgeCurrentAsync(sample.Product, sample.RoiId, folder, kept);
        var note = now is { Passed: true }
            ? $"the current library lets this confirmed defect pass (similarity {now.Similarity:F3} >= {now.Threshold:F3}): review the ROI's goldens"
            : null;
        return new GoldenReviewResult(GoldenReviewOutcome.Applied, null, true, removed, null, note);
    }

    /// <summary>The inspection's regression sample goes; when asked, the crop is learned after the regression check.</summary>
    private async Task<GoldenReviewResult> ConfirmFalseCallAsync(
        GoldenReviewChange change, string product, int idx, GoldenFolder folder, string learnedName)
    {
        GoldenReviewResult Applied(string? learned, string? note = null) => new(GoldenReviewOutcome.Applied, learned, false, null, null, note);

        if (!change.Learn || change.Crop is not { } crop)
        {
            guard.Samples.Forget(product, idx, change.InspectionId);
            return Applied(null);
        }

        if (!paths.ProductExists(product))
        {
            return new GoldenReviewResult(GoldenReviewOutcome.ProductNotFound, null, false, null, null, $"Product not found: {product}");
        }

        if ((await guard.CompareRoiAsync(product, idx)).Roi is null)
        {
            return new GoldenReviewResult(GoldenReviewOutcome.NotCompare, null, false, null, null, $"ROI {idx} is not a compare ROI of {product}");
        }

        byte[] jpeg;
        try
        {
            jpeg = GoldenImageEncoding.ToStoredJpeg(crop, options.Value.OutputJpegQuality, options.Value.MaxImageMegapixels);
        }
        catch (ImageReadException ex)
        {
            return new GoldenReviewResult(GoldenReviewOutcome.CropUnusable, null, false, null, null, $"the reviewed crop cannot be learned: {ex.Message}");
        }

        if (File.Exists(Path.Combine(folder.FullPath, learnedName)))
        {
            guard.Samples.Forget(product, idx, change.InspectionId);
            return Applied(learnedName, "already learned");
        }

        // The inspection's own sample is left out: this verdict overturns it, and it goes only if learning goes ahead.
        if (await EscapeAsync((p, file) => p.Add(learnedName, file!), jpeg, change.InspectionId) is { } escape)
        {
            logger.LogWarning("Learning {File} in {Folder} refused: {Escape}", learnedName, folder.FullPath, escape.Describe());
            return new GoldenReviewResult(GoldenReviewOutcome.RefusedByRegression, null, false, null, escape, null);
        }

        guard.Samples.Forget(product, idx, change.InspectionId);
        new GoldenLibraryOperations(folder).AddAlternative(learnedName, jpeg);
        logger.LogInformation("Learned {File} in {Folder} from a reviewed false call", learnedName, folder.FullPath);
        return Applied(learnedName);
    }
}
