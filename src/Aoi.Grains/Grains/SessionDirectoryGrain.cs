using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Grains;

/// <summary>
/// The single registry of open sessions (key 0) and the cluster's only idle sweeper: being one activation in the
/// cluster, its timer runs exactly once however many silos there are.
/// </summary>
public sealed partial class SessionDirectoryGrain(
    [PersistentState("sessions", "aoi")] IPersistentState<SessionDirectoryState> state,
    SessionExpirySweep sweep,
    IOptions<AoiOptions> options,
    TimeProvider time,
    ILogger<SessionDirectoryGrain> logger) : Grain, ISessionDirectoryGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.SessionSweepSeconds);
        // Interleave: the sweep awaits session grains, and a session that closes calls UnregisterAsync here; a
        // non-interleaved tick would wait for that call while it waits for the tick. KeepAlive: idle collection
        // must not silently end the sweeping (SessionExpiryKeeper re-activates after a silo loss).
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task RegisterAsync(string sessionId, string productName)
    {
        if (state.State.Sessions.Any(e => e.SessionId == sessionId))
        {
            return;
        }

        var entry = new SessionDirectoryState.Entry { SessionId = sessionId, ProductName = productName, CreatedAt = time.GetLocalNow() };
        state.State.Sessions.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Sessions.Remove(entry);
            throw;
        }
    }

    public async Task UnregisterAsync(string sessionId)
    {
        var index = state.State.Sessions.FindIndex(e => e.SessionId == sessionId);
        if (index < 0)
        {
            return;
        }

        var entry = state.State.Sessions[index];
        state.State.Sessions.RemoveAt(index);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Sessions.Insert(index, entry);
            throw;
        }
    }

    public Task<string[]> ListAsync() => Task.FromResult(Ordered().Select(e => e.SessionId).ToArray());

    public Task<string?> GetCurrentProductAsync() => Task.FromResult(Ordered().LastOrDefault()?.ProductName);

    // Stable sort: sessions registered within the same clock tick keep their registration order.
    private IEnumerable<SessionDirectoryState.Entry> Ordered() => state.State.Sessions.OrderBy(e => e.CreatedAt);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var ids = Ordered().Select(e => e.SessionId).ToArray();
        var idleTimeout = TimeSpan.FromSeconds(options.Value.SessionIdleTimeoutSeconds);
        var gone = await sweep.SweepAsync(
            ids,
            id => GrainFactory.GetGrain<IInspectionSessionGrain>(id).ExpireIfIdleAsync(idleTimeout),
            async id => await GrainFactory.GetGrain<IInspectionSessionGrain>(id).GetStatusAsync() is not null,
            cancellationToken);

        // Forget through our own queue, not from this interleaved tick, so state writes never overlap.
        var self = this.AsReference<ISessionDirectoryGrain>();
        foreach (var id in gone)
        {
            await self.UnregisterAsync(id);
        }

        if (gone.Count > 0)
        {
            LogSwept(gone.Count, ids.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle sweep removed {Removed} of {Listed} sessions")]
    private partial void LogSwept(int removed, int listed);
}
