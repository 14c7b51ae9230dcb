using System.Text.Json.Nodes;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Aoi.Grains.Review;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>
/// One product (key: product name). Not reentrant on purpose: every read and change of the product's files runs one
/// at a time, so a save never interleaves with a snapshot load. File work and validation live in ProductConfigStore.
/// </summary>
public sealed partial class ProductGrain(
    [PersistentState("product", "aoi")] IPersistentState<ProductState> state,
    ProductConfigStore store,
    RegressionGuard guard,
    TimeProvider time,
    ILogger<ProductGrain> logger) : Grain, IProductGrain
{
    private ProductSnapshot? cachedSnapshot;
    private ProductFileStamp? cachedStamp;

    private string Product => this.GetPrimaryKeyString();
    private AoiPaths Paths => store.Paths;

    public async Task<SnapshotResult> GetSnapshotAsync()
    {
        if (!ProductNames.IsValid(Product))
        {
            return new SnapshotResult(null, NotFound: true, []);
        }

        RestoreMissingFiles();
        // Stamp before reading: an edit racing with the load leaves a newer stamp on disk, so it is reloaded next time.
        var stamp = store.FileStamp(Product);
        if (cachedSnapshot is not null && stamp == cachedStamp)
        {
            return new SnapshotResult(cachedSnapshot, false, []);
        }

        cachedSnapshot = null;
        var configText = ReadTextOrNull(Paths.ConfigFile(Product));
        var colorsText = ReadTextOrNull(Paths.ColorsFile(Product));
        var result = store.LoadSnapshot(Product);
        if (result.Snapshot is null)
        {
            return result;
        }

        var backedUp = configText is null || await BackUpAsync(configText, colorsText);
        var snapshot = result.Snapshot with { Version = state.State.Version };
        if (backedUp)
        {
            // A failed backup is retried by not caching: the next request reloads and compares again.
            cachedSnapshot = snapshot;
            cachedStamp = stamp;
        }

        return result with { Snapshot = snapshot };
    }

    public Task<StoredRois> GetStoredRoisAsync()
    {
        if (!ProductNames.IsValid(Product))
        {
            return Task.FromResult(new StoredRois(ProductConfigStore.InvalidName, null));
        }

        RestoreMissingFiles();
        return Task.FromResult(store.ReadStoredRois(Product));
    }

    public async Task<SaveRoisResult> SaveRoisAsync(JsonArray rois)
    {
        var result = store.SaveRois(Product, rois);
        await BackUpFilesIfDoneAsync(result.Failure);
        return result;
    }

    public async Task<ProductChangeResult> CreateAsync(int numDevices, string? description)
    {
        var result = store.Create(Product, numDevices, description);
        await BackUpFilesIfDoneAsync(result.Failure);
        return result;
    }

    public async Task<ProductChangeResult> ImportAsync(string sourceFolder)
    {
        // The store refuses an invalid name itself; the regression guard only judges a name it can resolve.
        var refused = ProductNames.IsValid(Product) ? await ImportRefusalAsync(sourceFolder) : null;
        var result = refused ?? store.Import(Product, sourceFolder);
        await BackUpFilesIfDoneAsync(result.Failure);
        return result;
    }

    public Task<StoredColors> GetColorsAsync()
    {
        if (!ProductNames.IsValid(Product))
        {
            return Task.FromResult(new StoredColors(ProductConfigStore.InvalidName, null, null));
        }

        RestoreMissingFiles();
        return Task.FromResult(store.ReadColors(Product));
    }

    public async Task<ProductChangeResult> SaveColorsAsync(JsonArray colorRanges)
    {
        var result = store.SaveColors(Product, colorRanges);
        await BackUpFilesIfDoneAsync(result.Failure);
        return result;
    }

    /// <summary>
    /// An import brings whole golden libraries. When a product of this name had confirmed defects (its regression
    /// samples outlive the product folder), each compare ROI's imported library must still reject them.
    /// </summary>
    private async Task<ProductChangeResult?> ImportRefusalAsync(string sourceFolder)
    {
        if (Paths.ProductExists(Product) || store.SourceRois(Product, sourceFolder) is not { IsUsable: true } list)
        {
            return null; // refused by the import itself
        }

        foreach (var roi in list.Definitions.Where(r => r.Type == RoiDefinition.Compare))
        {
            var kept = guard.Samples.List(Product, roi.Idx);
            var imported = new GoldenFolder(Path.Combine(sourceFolder, "golden_rois", $"roi_{roi.Idx}")).ListCandidates();
            if (kept.Count > 0 && await guard.FindEscapeAsync(Product, roi, kept, [], imported, CancellationToken.None) is { } escape)
            {
                return ProductChangeResult.Refused(FailureKind.RegressionRefused, $"Refused: {escape.Describe()}");
            }
        }

        return null;
    }

    /// <summary>After a change the store made (it refuses invalid names itself), the files are the new backup.</summary>
    private async Task BackUpFilesIfDoneAsync(Failure? failure)
    {
        if (failure is not null)
        {
            return;
        }

        cachedSnapshot = null;
        var configText = ReadTextOrNull(Paths.ConfigFile(Product));
        if (configText is not null)
        {
            await BackUpAsync(configText, ReadTextOrNull(Paths.ColorsFile(Product)));
        }
    }

    /// <summary>
    /// Record the files' text as the new backup when it differs from the stored one. The files are already written
    /// and stay authoritative, so a storage failure is logged and does not fail the caller's command.
    /// </summary>
    private async Task<bool> BackUpAsync(string configText, string? colorsText)
    {
        var current = state.State;
        if (current.ConfigJson == configText && current.ColorsJson == colorsText)
        {
            return true;
        }

        var previous = (current.ConfigJson, current.ColorsJson, current.Version, current.UpdatedAt);
        current.ConfigJson = configText;
        current.ColorsJson = colorsText;
        current.Version++;
        current.UpdatedAt = time.GetLocalNow();
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (Exception ex)
        {
            (current.ConfigJson, current.ColorsJson, current.Version, current.UpdatedAt) = previous;
            LogBackupFailed(ex, Product);
            return false;
        }
    }

    /// <summary>Put the backed-up recipe back when its configuration file has gone (the colour file comes along).</summary>
    private void RestoreMissingFiles()
    {
        var configFile = Paths.ConfigFile(Product);
        var backup = state.State;
        if (backup.ConfigJson is null || File.Exists(configFile))
        {
            return;
        }

        try
        {
            AtomicFile.WriteAllText(configFile, backup.ConfigJson);
            var colorsFile = Paths.ColorsFile(Product);
            if (backup.ColorsJson is not null && !File.Exists(colorsFile))
            {
                AtomicFile.WriteAllText(colorsFile, backup.ColorsJson);
            }

            LogRestored(Product, configFile, backup.Version);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRestoreFailed(ex, Product, configFile);
        }
    }

    private static string? ReadTextOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration of product {Product} was missing; restored {ConfigFile} from the stored backup (version {Version})")]
    private partial void LogRestored(string product, string configFile, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration of product {Product} is missing and could not be restored to {ConfigFile}")]
    private partial void LogRestoreFailed(Exception exception, string product, string configFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup of product {Product} could not be stored; the files on disk are unchanged and remain authoritative")]
    private partial void LogBackupFailed(Exception exception, string product);
}
