namespace Aoi.Grains.Golden;

/// <summary>
/// The hold a product-wide rename puts on a golden library grain: while held, the grain's calls wait (inside their
/// turn, so everything behind them queues too) until the holder releases it or the hold expires. The expiry keeps a
/// crashed or partitioned holder from blocking the folder for good.
/// </summary>
public sealed class GoldenFolderHold(TimeProvider clock)
{
    private Guid? _lease;
    private DateTimeOffset _expires;
    private TaskCompletionSource _released = new();

    public bool IsHeld => _lease is not null;

    /// <summary>Returns once no lease holds the folder: released by its holder, or expired.</summary>
    public async Task WaitUntilFreeAsync()
    {
        while (_lease is { } lease)
        {
            var remaining = _expires - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                Release(lease);
                continue;
            }

            await Task.WhenAny(_released.Task, Task.Delay(remaining, clock));
        }
    }

    /// <summary>Takes the hold; the caller must have waited until it was free.</summary>
    public void Take(Guid lease, TimeSpan expiry)
    {
        _lease = lease;
        _expires = clock.GetUtcNow() + expiry;
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Ends the hold when <paramref name="lease"/> is the current one; a stale or repeated release is ignored.</summary>
    public void Release(Guid lease)
    {
        if (_lease == lease)
        {
            _lease = null;
            _released.TrySetResult();
        }
    }
}
