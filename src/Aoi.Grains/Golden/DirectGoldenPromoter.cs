using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;

namespace Aoi.Grains.Golden;

/// <summary>
/// Promotes in this process through <see cref="GoldenFolder"/>'s per-folder lock, for engine tests and benchmarks
/// without a silo. Not safe across processes: in the cluster use <see cref="GrainGoldenPromoter"/>.
/// </summary>
public sealed class DirectGoldenPromoter(AoiPaths paths, Engines.Compare.Library.LibraryModelCache? cache = null) : IGoldenPromoter
{
    public Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp)
    {
        var folder = new GoldenFolder(paths.GoldenFolder(productName, roiIdx));
        var promoted = folder.PromoteMatch(candidateName, candidateStamp, bestStamp);
        if (promoted)
        {
            cache?.InvalidateFolder(folder.FullPath);
        }

        return Task.FromResult(promoted);
    }
}
