namespace Aoi.Benchmarks.Performance;

/// <summary>Samples the resident set of some processes at a fixed interval until disposed.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    public MemorySampler(IReadOnlyList<int> pids, TimeSpan interval)
    {
        Pids = pids;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                var at = (DateTimeOffset.UtcNow - _start).TotalSeconds;
                foreach (var pid in pids)
                {
                    if (ProcessStats.Memory(pid) is { } m)
                    {
                        lock (Samples)
                        {
                            Samples.Add(new MemorySample(at, pid, m.RssMiB, m.PeakMiB));
                        }
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result));
        });
    }

    public IReadOnlyList<int> Pids { get; }

    public List<MemorySample> Samples { get; } = [];

    public double PeakRssMiB(int pid)
    {
        lock (Samples)
        {
            return Samples.Where(s => s.Pid == pid).Select(s => Math.Max(s.RssMiB, 0)).DefaultIfEmpty(double.NaN).Max();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>One reading: seconds since sampling started, process, resident and peak resident MiB.</summary>
public sealed record MemorySample(double AtSeconds, int Pid, double RssMiB, double PeakMiB);
