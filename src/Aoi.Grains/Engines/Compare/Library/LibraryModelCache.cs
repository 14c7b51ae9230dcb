using Aoi.Grains.Golden;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// Identity of a built ROI model: the golden folder and its listing as it was (every candidate's name, size and
/// last-write time, in library order), the ROI size and the judge. A file added, removed, replaced or renamed
/// changes the listing, so a stale model is simply never found again (spec 4.5).
/// </summary>
public readonly record struct LibraryModelKey(string Folder, string Listing, int Width, int Height, string Method)
{
    /// <summary>The key of a golden folder's model for this listing of its files, ROI size and judge.</summary>
    public static LibraryModelKey Of(GoldenFolder folder, IReadOnlyList<GoldenCandidate> candidates, int width, int height, string method) =>
        new(folder.FullPath, string.Join('|', candidates.Select(c => $"{c.Name}:{c.Stamp}")), width, height, method);
}

/// <summary>
/// Silo-local cache of ROI models, least recently used evicted beyond a memory budget. Concurrent requests for one key
/// share one build; a failed build is not kept, so the next request tries again.
/// </summary>
public sealed class LibraryModelCache(long budgetBytes = LibraryModelCache.DefaultBudgetBytes)
{
    public const long DefaultBudgetBytes = 768L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<LibraryModelKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = [];
    private long _bytes;

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

    public bool TryGet(LibraryModelKey key, out LibraryModel model)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Model.IsValueCreated && !node.Value.Model.Value.IsFaulted)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                model = node.Value.Model.Value.Result;
                return true;
            }
        }

        model = null!;
        return false;
    }

    /// <summary>The cached model, or one built now by <paramref name="build"/> (once for concurrent callers of the key).</summary>
    public LibraryModel GetOrBuild(LibraryModelKey key, Func<LibraryModel> build)
    {
        Lazy<Task<LibraryModel>> lazy;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                lazy = node.Value.Model;
            }
            else
            {
                lazy = new Lazy<Task<LibraryModel>>(() =>
                {
                    try
                    {
                        return Task.FromResult(build());
                    }
                    catch (Exception ex)
                    {
                        return Task.FromException<LibraryModel>(ex);
                    }
                }, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = _recency.AddFirst(new Entry(key, lazy));
            }
        }

        var task = lazy.Value;
        if (task.IsFaulted)
        {
            Remove(key, lazy);
            return task.GetAwaiter().GetResult();
        }

        var model = task.Result;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Model, lazy) && !node.Value.Counted)
            {
                node.Value = node.Value with { Counted = true };
                _bytes += model.Bytes;
                Evict();
            }
        }

        return model;
    }

    /// <summary>Drops every model of <paramref name="folder"/> (after a change, so memory is not held by stale ones).</summary>
    public void InvalidateFolder(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(k => string.Equals(k.Folder, full, StringComparison.Ordinal)).ToList())
            {
                Drop(_entries[key]);
            }
        }
    }

    private void Remove(LibraryModelKey key, Lazy<Task<LibraryModel>> lazy)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Model, lazy))
            {
                Drop(node);
            }
        }
    }

    private void Evict()
    {
        // The newest entry always stays, even when it alone exceeds the budget.
        while (_bytes > budgetBytes && _recency.Count > 1 && _recency.Last is { } oldest)
        {
            Drop(oldest);
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        if (node.Value.Counted)
        {
            _bytes -= node.Value.Model.Value.Result.Bytes;
        }
    }

    private sealed record Entry(LibraryModelKey Key, Lazy<Task<LibraryModel>> Model, bool Counted = false);
}
