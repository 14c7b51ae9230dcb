namespace Aoi.Grains.Interfaces;

/// <summary>
/// The cluster's single history purger (key 0): an Orleans reminder wakes it periodically, and being one activation
/// in the cluster it never purges twice at once however many silos run.
/// </summary>
[Alias("aoi.IRetentionPurgeGrain")]
public interface IRetentionPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>Register (or refresh) the periodic purge reminder; idempotent, called by every silo at start.</summary>
    Task EnsureScheduledAsync();

    /// <summary>Purge expired history images and rows now and say what was removed.</summary>
    Task<PurgeSummary> PurgeNowAsync();
}
