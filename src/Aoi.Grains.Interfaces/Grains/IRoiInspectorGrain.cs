namespace Aoi.Grains.Interfaces;

/// <summary>
/// Stateless worker that inspects one ROI crop. Address it with key 0 so all calls share one local pool.
/// </summary>
[Alias("aoi.IRoiInspectorGrain")]
public interface IRoiInspectorGrain : IGrainWithIntegerKey
{
    /// <summary>Inspect one ROI; engine failures come back as a failed result, never as a pass.</summary>
    Task<RoiResult> InspectAsync(RoiWorkItem item);
}
