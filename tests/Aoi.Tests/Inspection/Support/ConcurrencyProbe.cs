namespace Aoi.Tests.Inspection.Support;

/// <summary>
/// Records the highest number of evaluations inside an engine at once. Each evaluation first waits for a peer (so a
/// working fan-out shows real parallelism), then lingers briefly for a third arrival, so a gate that lets more than
/// two through is caught rather than hidden by fast sequential runs.
/// </summary>
public sealed class ConcurrencyProbe
{
    private readonly TaskCompletionSource _pair = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _third = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _max;
    private int _entries;

    public int Max => Volatile.Read(ref _max);

    public int Entries => Volatile.Read(ref _entries);

    public async Task ObserveAsync()
    {
        Interlocked.Increment(ref _entries);
        var now = Interlocked.Increment(ref _current);
        for (var seen = Max; now > seen; seen = Max)
        {
            Interlocked.CompareExchange(ref _max, now, seen);
        }

        if (now >= 2)
        {
            _pair.TrySetResult();
        }

        if (now >= 3)
        {
            _third.TrySetResult();
        }

        try
        {
            await WaitQuietly(_pair.Task, TimeSpan.FromSeconds(5));
            await WaitQuietly(_third.Task, TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
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
}
