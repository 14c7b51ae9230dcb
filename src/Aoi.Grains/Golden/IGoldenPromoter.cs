namespace Aoi.Grains.Golden;

/// <summary>
/// Performs the automatic promotion of spec 4.3 under the folder's serialisation (a grain in the cluster, a direct
/// call in engine tests).
/// </summary>
public interface IGoldenPromoter
{
    Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp);
}
