namespace Aoi.Grains.Inspection;

/// <summary>
/// The inspections running on this silo, counted by the session grains, so that background work which is only an
/// optimisation — the start-up rehearsal — waits while a line's inspection needs the cores.
/// </summary>
public sealed class LiveInspections
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private int _running;

    public bool Any => Volatile.Read(ref _running) > 0;

    /// <summary>Counts one inspection until the returned lease is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _running);
        return new Lease(this);
    }

    /// <summary>Returns once no inspection runs on this silo (checked every 50 ms: the waiter is background work).</summary>
    public async Task WhenNoneAsync(CancellationToken cancellationToken)
    {
        while (Any)
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private sealed class Lease(LiveInspections owner) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                Interlocked.Decrement(ref owner._running);
            }
        }
    }
}
