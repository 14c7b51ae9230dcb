using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Imaging;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Grains;

/// <summary>
/// Owner of one golden folder (key "product/idx"). Non-reentrant on purpose: Orleans runs one call at a time per
/// activation and keeps a single activation per key in the cluster, which is what serialises every change to the
/// folder across sessions and silos (spec 4.2). A product-wide rename holds the grain (<see cref="HoldAsync"/>) while
/// it moves the folder; calls arriving meanwhile wait for the release.
/// </summary>
public sealed class GoldenLibraryGrain(
    AoiPaths paths,
    GoldenFeatureCache cache,
    IOptions<AoiOptions> options,
    ILogger<GoldenLibraryGrain> logger)
    : Grain, IGoldenLibraryGrain
{
    private readonly GoldenFolderHold _hold = new(TimeProvider.System);

    public async Task<bool> PromoteMatchAsync(string candidateName, string candidateStamp, string? bestStamp)
    {
        await _hold.WaitUntilFreeAsync();
        var folder = Folder();
        var promoted = folder.PromoteMatch(candidateName, candidateStamp, bestStamp);
        if (promoted)
        {
            Invalidate(folder);
            logger.LogInformation("Promoted {Candidate} to {Best} in {Folder}", candidateName, GoldenFolder.BestName, folder.FullPath);
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

        return Change(ops => ops.SaveBest(jpeg), "upload");
    }

    public async Task<GoldenChangeResult> PromoteAsync(string sampleName)
    {
        await _hold.WaitUntilFreeAsync();
        return Change(ops => ops.Promote(sampleName), $"promote {sampleName}");
    }

    public async Task<GoldenChangeResult> RestoreAsync(string backupName)
    {
        await _hold.WaitUntilFreeAsync();
        return Change(ops => ops.Restore(backupName), $"restore {backupName}");
    }

    public async Task<GoldenChangeResult> DeleteAsync(string sampleName)
    {
        await _hold.WaitUntilFreeAsync();
        return Change(ops => ops.Delete(sampleName), $"delete {sampleName}");
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

    private GoldenChangeResult Change(Func<GoldenLibraryOperations, GoldenChangeResult> change, string what)
    {
        var folder = Folder();
        try
        {
            var result = change(new GoldenLibraryOperations(folder));
            if (result.Succeeded)
            {
                logger.LogInformation("Golden {Change} in {Folder}{Backup}", what, folder.FullPath,
                    result.BackupName is null ? "" : $"; previous best kept as {result.BackupName}");
            }

            return result;
        }
        finally
        {
            Invalidate(folder);
        }
    }

    /// <summary>
    /// Drops this silo's cached features of the folder. Other silos are not told: their entries are keyed by the
    /// file's full path, size and last-write time (spec 4.5), and every inspection re-lists the folder, so an entry
    /// for a replaced or renamed file is simply never looked up again there (it ages out of the LRU).
    /// </summary>
    private void Invalidate(GoldenFolder folder) => cache.InvalidateFolder(folder.FullPath);

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
