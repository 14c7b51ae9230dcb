using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Golden;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Grains;

/// <summary>
/// Owner of one golden folder (key "product/idx"). Non-reentrant on purpose: Orleans runs one call at a time per
/// activation and keeps a single activation per key in the cluster, which is what serialises every change to the
/// folder across sessions and silos (spec 4.2). A product-wide rename holds the grain (<see cref="HoldAsync"/>) while
/// it moves the folder; calls arriving meanwhile wait for the release. Every change that alters the library first
/// passes the regression check against the ROI's confirmed defects (<see cref="RegressionGuard"/>); review verdicts
/// change the library through the same activation (<see cref="IGoldenReviewGrain"/>, GoldenLibraryGrain.Review.cs).
/// </summary>
public sealed partial class GoldenLibraryGrain(
    AoiPaths paths,
    CompareModels models,
    RegressionGuard guard,
    IOptions<AoiOptions> options,
    ILogger<GoldenLibraryGrain> logger)
    : Grain, IGoldenLibraryGrain, IGoldenReviewGrain
{
    private readonly GoldenFolderHold _hold = new(TimeProvider.System);

    public async Task<bool> PromoteMatchAsync(string candidateName, string candidateStamp, string? bestStamp)
    {
        await _hold.WaitUntilFreeAsync();
        var folder = Folder();
        if (folder.StampOf(candidateName) == candidateStamp && folder.StampOf(GoldenFolder.BestName) == bestStamp
            && await EscapeAsync((p, _) => p.Rename(GoldenFolder.BestName, AutomaticBackupName()).Rename(candidateName, GoldenFolder.BestName)) is { } escape)
        {
            logger.LogWarning("Promotion of {Candidate} in {Folder} skipped: {Escape}", candidateName, folder.FullPath, escape.Describe());
            return false;
        }

        var promoted = folder.PromoteMatch(candidateName, candidateStamp, bestStamp);
        if (promoted)
        {
            Invalidate(folder);
            logger.LogInformation("Promoted {Candidate} to {Best} in {Folder}", candidateName, GoldenFolder.BestName, folder.FullPath);
            // The inspection that asked is waiting for this call: the new order's model is built in the grain's next turn.
            RebuildAfterThisCall();
        }
        else
        {
            logger.LogInformation("Promotion of {Candidate} in {Folder} skipped: files changed since compare", candidateName, folder.FullPath);
        }

        return promoted;
    }

    public async Task<GoldenChangeResult> SaveBestAsync(byte[] image)
    {
        await _hold.WaitUntilFreeAsync();
        byte[] jpeg;
        try
        {
            jpeg = GoldenImageEncoding.ToStoredJpeg(image, options.Value.OutputJpegQuality, options.Value.MaxImageMegapixels);
        }
        catch (ImageReadException ex)
        {
            return GoldenChangeResult.Refused(ex.Kind, ex.Message);
        }

        return await RefusalAsync((p, upload) => p.Rename(GoldenFolder.BestName, BackupName()).Add(GoldenFolder.BestName, upload!), jpeg)
            ?? await ChangeAsync(ops => ops.SaveBest(jpeg), "upload");
    }

    public async Task<GoldenChangeResult> PromoteAsync(string sampleName)
    {
        await _hold.WaitUntilFreeAsync();
        return await RefusalAsync(BecomesBest(sampleName)) ?? await ChangeAsync(ops => ops.Promote(sampleName), $"promote {sampleName}");
    }

    public async Task<GoldenChangeResult> RestoreAsync(string backupName)
    {
        await _hold.WaitUntilFreeAsync();
        // A name restore refuses anyway (invalid) is not judged: the spec's error order puts the name check first.
        var refusal = GoldenSampleNames.IsBackupName(backupName) ? await RefusalAsync(BecomesBest(backupName)) : null;
        return refusal ?? await ChangeAsync(ops => ops.Restore(backupName), $"restore {backupName}");
    }

    public async Task<GoldenChangeResult> DeleteAsync(string sampleName)
    {
        await _hold.WaitUntilFreeAsync();
        return await RefusalAsync((p, _) => p.Remove(sampleName)) ?? await ChangeAsync(ops => ops.Delete(sampleName), $"delete {sampleName}");
    }

    public async Task<GoldenSample[]> ListAsync(bool includeImages)
    {
        // Reads wait too: during a rename the folder is briefly elsewhere and would look empty.
        await _hold.WaitUntilFreeAsync();
        return new GoldenLibraryOperations(Folder()).List(includeImages);
    }

    public async Task<byte[]?> ReadSampleAsync(string sampleName)
    {
        await _hold.WaitUntilFreeAsync();
        return new GoldenLibraryOperations(Folder()).Read(sampleName);
    }

    public async Task<GoldenChangeResult> SaveLegacyGoldenAsync(byte[] image)
    {
        await _hold.WaitUntilFreeAsync();
        try
        {
            LegacyStore().Save(GoldenImageEncoding.ToStoredJpeg(image, options.Value.OutputJpegQuality, options.Value.MaxImageMegapixels));
            return GoldenChangeResult.Done();
        }
        catch (ImageReadException ex)
        {
            return GoldenChangeResult.Refused(ex.Kind, ex.Message);
        }
    }

    public async Task<GoldenChangeResult> DeleteLegacyGoldenAsync()
    {
        await _hold.WaitUntilFreeAsync();
        return LegacyStore().Delete()
            ? GoldenChangeResult.Done()
            : GoldenChangeResult.Refused(FailureKind.NotFound, LegacyGoldenStore.NotFound);
    }

    public async Task HoldAsync(Guid lease, TimeSpan expiry)
    {
        await _hold.WaitUntilFreeAsync();
        _hold.Take(lease, expiry);
    }

    public Task ReleaseAsync(Guid lease)
    {
        _hold.Release(lease);
        return Task.CompletedTask;
    }

    public async Task<ExcludedGoldenNote[]> RebuildModelAsync()
    {
        await _hold.WaitUntilFreeAsync();
        var roi = await CompareRoiAsync();
        return roi is null ? [] : BuildModel(roi.Value.Folder, roi.Value.Roi);
    }

    /// <summary>The refusal naming the regression sample the proposed library would let pass; null when the change may go ahead.</summary>
    private async Task<GoldenChangeResult?> RefusalAsync(Func<LibraryProposal, string?, LibraryProposal> change, byte[]? newImage = null) =>
        await EscapeAsync(change, newImage) is { } escape ? GoldenChangeResult.Refused(FailureKind.RegressionRefused, $"Refused: {escape.Describe()}") : null;

    private Task<RegressionEscape?> EscapeAsync(
        Func<LibraryProposal, string?, LibraryProposal> change, byte[]? newImage = null, string? exceptInspection = null)
    {
        var (product, idx) = Key();
        return guard.CheckChangeAsync(product, idx, Folder(), change, newImage, exceptInspection);
    }

    /// <summary>Manual promote and restore: the current best becomes an original_*_old_best.jpg backup, the sample the best.</summary>
    private Func<LibraryProposal, string?, LibraryProposal> BecomesBest(string sampleName) => (p, _) =>
        sampleName == GoldenFolder.BestName ? p : p.Rename(GoldenFolder.BestName, BackupName()).Rename(sampleName, GoldenFolder.BestName);

    private string BackupName() => GoldenSampleNames.FreeBackupName(Folder().FullPath, TimeProvider.System.GetUtcNow());

    // The exact millisecond is picked at the rename; only the name's place in compare order matters to the check.
    private static string AutomaticBackupName() => $"{TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds():D13}_golden_sample.jpg";

    private async Task<GoldenChangeResult> ChangeAsync(Func<GoldenLibraryOperations, GoldenChangeResult> change, string what)
    {
        var folder = Folder();
        GoldenChangeResult result;
        try
        {
            result = change(new GoldenLibraryOperations(folder));
            if (result.Succeeded)
            {
                logger.LogInformation("Golden {Change} in {Folder}{Backup}", what, folder.FullPath,
                    result.BackupName is null ? "" : $"; previous best kept as {result.BackupName}");
            }
        }
        finally
        {
            Invalidate(folder);
        }

        if (!result.Succeeded || await CompareRoiAsync() is not { } roi)
        {
            return result;
        }

        // Teach time: the ROI's model is rebuilt now, so inspections only score, and the engineer learns at once which
        // goldens the model leaves out and why (the files themselves are kept).
        return result with { ModelExclusions = BuildModel(roi.Folder, roi.Roi) };
    }

    public Task RebuildModelLaterAsync() => RebuildModelAsync();

    /// <summary>Rebuilds the ROI's model in the grain's next turn (when a caller is waiting for the change).</summary>
    private void RebuildAfterThisCall() => _ = this.AsReference<IGoldenLibraryGrain>().RebuildModelLaterAsync();

    private ExcludedGoldenNote[] BuildModel(string productFolder, RoiDefinition roi)
    {
        try
        {
            var lookup = models.For(productFolder, roi);
            return lookup.Model?.Excluded.Select(e => new ExcludedGoldenNote(e.Name, e.Reason)).ToArray() ?? [];
        }
        catch (Exception ex)
        {
            // The change itself succeeded; the next inspection builds the model (and reports its failure) itself.
            logger.LogWarning(ex, "Rebuilding the compare model of {Folder} ROI {Idx} failed", productFolder, roi.Idx);
            return [];
        }
    }

    /// <summary>The ROI this folder belongs to when it is an enabled compare ROI of a readable product, with the
    /// product folder; null otherwise.</summary>
    private async Task<(string Folder, RoiDefinition Roi)?> CompareRoiAsync()
    {
        var (product, idx) = Key();
        try
        {
            var snapshot = (await GrainFactory.GetGrain<IProductGrain>(product).GetSnapshotAsync()).Snapshot;
            var roi = snapshot?.Rois.FirstOrDefault(r => r.Idx == idx && r.Type == RoiDefinition.Compare && r.Enabled);
            return roi is null ? null : (snapshot!.ProductFolder, roi);
        }
        catch (Exception ex)
        {
            // The change itself is done; without the product's ROI the model is simply built by the next inspection.
            logger.LogWarning(ex, "Product {Product} could not be read to rebuild ROI {Idx}'s compare model", product, idx);
            return null;
        }
    }

    /// <summary>
    /// Drops this silo's models of the folder. Other silos are not told: their models are keyed by the folder's
    /// listing (names, sizes and last-write times, spec 4.5), and every inspection re-lists the folder, so a model of an
    /// old listing is simply never looked up again there (it ages out of the cache).
    /// </summary>
    private void Invalidate(GoldenFolder folder) => models.Invalidate(folder.FullPath);

    private (string Product, int Idx) Key()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), out var idx))
        {
            throw new ArgumentException($"golden library key '{key}' is not 'product/idx'");
        }

        return (key[..slash], idx);
    }

    private GoldenFolder Folder()
    {
        var (product, idx) = Key();
        return new GoldenFolder(paths.GoldenFolder(product, idx));
    }

    private LegacyGoldenStore LegacyStore()
    {
        var (product, idx) = Key();
        return new LegacyGoldenStore(paths.ProductFolder(product), idx);
    }
}
