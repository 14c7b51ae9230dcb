using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>
/// Owner of one golden folder (key "product/idx"). Non-reentrant on purpose: Orleans runs one call at a time per
/// activation and keeps a single activation per key in the cluster, which is what serialises every change to the
/// folder across sessions and silos (spec 4.2).
/// </summary>
public sealed class GoldenLibraryGrain(AoiPaths paths, GoldenFeatureCache cache, ILogger<GoldenLibraryGrain> logger)
    : Grain, IGoldenLibraryGrain
{
    public Task<bool> PromoteMatchAsync(string candidateName, string candidateStamp, string? bestStamp)
    {
        var folder = Folder();
        var promoted = folder.PromoteMatch(candidateName, candidateStamp, bestStamp);
        if (promoted)
        {
            cache.InvalidateFolder(folder.FullPath);
            logger.LogInformation("Promoted {Candidate} to {Best} in {Folder}", candidateName, GoldenFolder.BestName, folder.FullPath);
        }
        else
        {
            logger.LogInformation("Promotion of {Candidate} in {Folder} skipped: files changed since compare", candidateName, folder.FullPath);
        }

        return Task.FromResult(promoted);
    }

    private GoldenFolder Folder()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), out var idx))
        {
            throw new ArgumentException($"golden library key '{key}' is not 'product/idx'");
        }

        return new GoldenFolder(paths.GoldenFolder(key[..slash], idx));
    }
}
