namespace Aoi.Tests.Inspection.Support;

/// <summary>
/// Records the highest number of evaluations inside an engine at once. An evaluation that observes first waits until
/// <see cref="Target"/> of them are inside (so a working fan-out shows its full parallelism), then lingers briefly for
/// one more, so a bound that lets more than the target through is caught rather than hidden by fast sequential runs.
/// Evaluations that only <see cref="Enter"/> (a slow engine) count towards the maximum without waiting.
/// </summary>
public sealed class ConcurrencyProbe(int target = 2)
{
    private readonly TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _over = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _max;
    private int _entries;

    public int Target => target;

    public int Max => Volatile.Read(ref _max);

    /// <summary>Evaluations inside right now.</summary>
    public int Current => Volatile.Read(ref _current);

    public int Entries => Volatile.Read(ref _entries);

    public async Task ObserveAsync()
    {
        using var inside = Enter();
        await WaitQuietly(_full.Task, TimeSpan.FromSeconds(2));
        await WaitQuietly(_over.Task, TimeSpan.FromMilliseconds(300));
    }

    /// <summary>Counts an evaluation as inside until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _entries);
        var now = Interlocked.Increment(ref _current);
        for (var seen = Max; now > seen; seen = Max)
        {
            Interlocked.CompareExchange(ref _max, now, seen);
        }

        if (now >= target)
        {
            _full.TrySetResult();
        }

        if (now > target)
        {
            _over.TrySetResult();
        }

        return new Scope(this);
    }

    private static async Task WaitQuietly(Task signal, TimeSpan atMost)
    {
        try
        {
            await signal.WaitAsync(atMost);
        }
        catch (TimeoutException)
        {
            // Waiting is only to create overlap; the assertions are on Max.
        }
    }

    private sealed class Scope(ConcurrencyProbe probe) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref probe._current);
            }
        }
    }
}
