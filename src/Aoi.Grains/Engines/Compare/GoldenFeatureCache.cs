namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Silo-local cache of golden features, least recently used entries evicted beyond a count. Entries are keyed by the
/// file's stamp, so a changed file simply misses; <see cref="InvalidateFolder"/> additionally drops a folder's entries
/// after a rename so no entry can outlive the file it describes.
/// </summary>
public sealed class GoldenFeatureCache(int capacity = GoldenFeatureCache.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<GoldenFeatureKey, LinkedListNode<(GoldenFeatureKey Key, ImageFeatures Features)>> _entries = [];
    private readonly LinkedList<(GoldenFeatureKey Key, ImageFeatures Features)> _recency = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(GoldenFeatureKey key, out ImageFeatures features)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                features = node.Value.Features;
                return true;
            }
        }

        features = null!;
        return false;
    }

    public void Add(GoldenFeatureKey key, ImageFeatures features)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[key] = _recency.AddFirst((key, features));
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }

    /// <summary>Drops every entry of files directly inside <paramref name="folder"/>.</summary>
    public void InvalidateFolder(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(k => string.Equals(Path.GetDirectoryName(k.FullPath), full, StringComparison.Ordinal)).ToList())
            {
                _recency.Remove(_entries[key]);
                _entries.Remove(key);
            }
        }
    }
}
