namespace Aoi.Grains.Inspection;

/// <summary>Where a session gets the product snapshot for one inspection (the product grain in the cluster).</summary>
public interface IProductSnapshotSource
{
    Task<SnapshotResult> GetSnapshotAsync(string productName);
}
