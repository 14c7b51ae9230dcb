namespace Aoi.Grains.Golden;

/// <summary>
/// Promotes through the golden library grain of the folder (key "product/idx"), which serialises every change to
/// that folder across sessions and silos (spec 4.2).
/// </summary>
public sealed class GrainGoldenPromoter(IGrainFactory grainFactory) : IGoldenPromoter
{
    public static string GrainKey(string productName, int roiIdx) => $"{productName}/{roiIdx}";

    public Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp) =>
        grainFactory.GetGrain<IGoldenLibraryGrain>(GrainKey(productName, roiIdx))
            .PromoteMatchAsync(candidateName, candidateStamp, bestStamp);
}
