using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Golden;

/// <summary>
/// Product-wide golden changes (key: product name). Non-reentrant, so renames of one product never overlap. A rename
/// holds the golden library grain of every folder it touches, taken in ascending idx order (one global order, so two
/// holders can never wait on each other), moves the folders while nothing else can change them, then releases them.
/// </summary>
public sealed class GoldenProductGrain(AoiPaths paths, Engines.Compare.Library.LibraryModelCache cache, RegressionSamples samples, ILogger<GoldenProductGrain> logger)
    : Grain, IGoldenProductGrain
{
    public const string InvalidMapping = "Invalid ROI mapping";

    /// <summary>Longer than any folder move; only matters if this activation dies while holding the folders.</summary>
    private static readonly TimeSpan HoldExpiry = TimeSpan.FromMinutes(2);

    public async Task<GoldenRenameResult> RenameFoldersAsync(Dictionary<int, int> mapping)
    {
        var product = this.GetPrimaryKeyString();
        if (!paths.ProductExists(product))
        {
            return new GoldenRenameResult(new Failure(FailureKind.NotFound, $"Product not found: {product}"), 0);
        }

        if (mapping.Count == 0 || mapping.Any(p => p.Key < 1 || p.Value < 1) || mapping.Values.Distinct().Count() != mapping.Count)
        {
            return new GoldenRenameResult(new Failure(FailureKind.Invalid, InvalidMapping), 0);
        }

        var changing = mapping.Where(p => p.Key != p.Value).ToDictionary(p => p.Key, p => p.Value);
        var lease = Guid.NewGuid();
        var held = new List<IGoldenLibraryGrain>();
        try
        {
            foreach (var idx in GoldenFolderRenamer.AffectedIds(changing))
            {
                var folderGrain = GrainFactory.GetGrain<IGoldenLibraryGrain>(GrainGoldenPromoter.GrainKey(product, idx));
                await folderGrain.HoldAsync(lease, HoldExpiry);
                held.Add(folderGrain);
            }

            var renamed = new GoldenFolderRenamer(paths.GoldenRoot(product), logger: logger).Rename(changing);
            RenameRegressionSamples(product, changing);
            foreach (var idx in GoldenFolderRenamer.AffectedIds(changing))
            {
                // Same reasoning as in GoldenLibraryGrain: other silos are protected by the file stamp in the key.
                cache.InvalidateFolder(paths.GoldenFolder(product, idx));
            }

            logger.LogInformation("Renamed {Count} golden folders of {Product}", renamed, product);
            return new GoldenRenameResult(null, renamed);
        }
        finally
        {
            foreach (var folderGrain in held)
            {
                await ReleaseAsync(folderGrain, lease);
            }
        }
    }

    /// <summary>A ROI's confirmed defects follow its library to the new idx (same two-phase renamer, same folder names).</summary>
    private void RenameRegressionSamples(string product, Dictionary<int, int> changing)
    {
        try
        {
            new GoldenFolderRenamer(samples.ProductFolder(product), logger: logger).Rename(changing);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The goldens are renamed already; samples left under the old idx still guard that idx, never less.
            logger.LogError(ex, "Regression samples of {Product} could not follow the golden folder renames", product);
        }
    }

    private async Task ReleaseAsync(IGoldenLibraryGrain folderGrain, Guid lease)
    {
        try
        {
            await folderGrain.ReleaseAsync(lease);
        }
        catch (Exception ex)
        {
            // The hold expires on its own; releasing the others matters more than this one failure.
            logger.LogWarning(ex, "Could not release golden folder hold {Lease}", lease);
        }
    }
}
