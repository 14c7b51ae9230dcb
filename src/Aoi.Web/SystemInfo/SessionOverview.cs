using Orleans;

namespace Aoi.Web.SystemInfo;

/// <summary>Open sessions as seen by health/status/listing; <see cref="Available"/> is false when the cluster did not answer.</summary>
public sealed record SessionSnapshot(bool Available, IReadOnlyList<SessionStatus> Sessions, string? CurrentProduct);

/// <summary>Reads the session directory and each open session's status.</summary>
public sealed class SessionOverview(IGrainFactory grains, ILogger<SessionOverview> logger)
{
    /// <summary>For listings that must fail loudly (500) when the cluster cannot answer.</summary>
    public async Task<IReadOnlyList<SessionStatus>> ListAsync()
    {
        var directory = grains.GetGrain<ISessionDirectoryGrain>(0);
        var ids = (await directory.ListAsync()).Distinct(StringComparer.Ordinal).ToList();
        var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IInspectionSessionGrain>(id).GetStatusAsync()));
        return statuses.OfType<SessionStatus>().ToList();
    }

    /// <summary>For health and status, which must answer even when the cluster cannot: degraded instead of 500.</summary>
    public async Task<SessionSnapshot> ReadAsync()
    {
        try
        {
            var sessions = await ListAsync();
            var current = await grains.GetGrain<ISessionDirectoryGrain>(0).GetCurrentProductAsync();
            return new SessionSnapshot(true, sessions, current);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session directory unavailable");
            return new SessionSnapshot(false, [], null);
        }
    }
}
