using System.Collections.Concurrent;

namespace Aoi.Grains.Linking;

/// <summary>
/// Answers of the linking service per trimmed barcode, kept for a fixed time on the injected clock so tests can move
/// time. A cached null ("not linked") is a real answer and is reused like a linked value.
/// </summary>
public sealed class LinkingAnswerCache(TimeSpan cacheTime, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public int Count => _entries.Count;

    public bool TryGet(string barcode, out string? linked)
    {
        if (_entries.TryGetValue(barcode, out var entry) && time.GetUtcNow() < entry.ExpiresAt)
        {
            linked = entry.Linked;
            return true;
        }

        linked = null;
        return false;
    }

    public void Set(string barcode, string? linked)
    {
        if (cacheTime <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        _entries[barcode] = new Entry(linked, now + cacheTime);
        SweepExpired(now);
    }

    // Every board brings a new barcode, so expired entries are dropped once per cache period to bound memory.
    private void SweepExpired(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + cacheTime).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (barcode, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(barcode, entry));
            }
        }
    }

    private readonly record struct Entry(string? Linked, DateTimeOffset ExpiresAt);
}
