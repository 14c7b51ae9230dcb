namespace Aoi.Grains.Interfaces;

/// <summary>
/// Stateless worker that inspects one ROI crop at a time on the calling silo. Address it with key 0 so all calls share
/// one local pool, whose size bounds the silo's concurrent ROI work.
/// </summary>
[Alias("aoi.IRoiInspectorGrain")]
public interface IRoiInspectorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Inspect one ROI; engine failures and the per-ROI budget come back as a failed result, never as a pass. Answers
    /// only once the engine has stopped; the token (the inspection's deadline) lets the caller stop waiting.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    Task<RoiResult> InspectAsync(RoiWorkItem item, CancellationToken cancellationToken = default);

    /// <summary>Build and cache one compare ROI's model in a worker slot, so warming a product shares the ROI bound.</summary>
    [ResponseTimeout("00:10:00")]
    Task WarmRoiAsync(CompareRoiWarmup roi, CancellationToken cancellationToken = default);
}
