namespace Aoi.Grains.Inspection;

/// <summary>Snapshots come from the product grain, which serialises configuration changes and caches per version.</summary>
public sealed class GrainProductSnapshotSource(IGrainFactory grains) : IProductSnapshotSource
{
    public Task<SnapshotResult> GetSnapshotAsync(string productName) =>
        grains.GetGrain<IProductGrain>(productName).GetSnapshotAsync();
}
