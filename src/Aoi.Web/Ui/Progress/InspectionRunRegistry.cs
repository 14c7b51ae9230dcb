using System.Collections.Concurrent;

namespace Aoi.Web.Ui.Progress;

/// <summary>
/// The asynchronous inspections of this front end, kept in memory for their watchers and for the Overview's list of
/// recent inspections. Only the newest runs are kept; a running one is never dropped.
/// </summary>
public sealed class InspectionRunRegistry
{
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, InspectionRun> _runs = new(StringComparer.Ordinal);

    public void Add(InspectionRun run)
    {
        _runs[run.Id] = run;
        var excess = _runs.Count - Capacity;
        if (excess <= 0)
        {
            return;
        }

        foreach (var old in _runs.Values.Where(r => r.Finished).OrderBy(r => r.StartedAt).Take(excess))
        {
            _runs.TryRemove(old.Id, out _);
        }
    }

    public InspectionRun? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<InspectionRun> Recent(int count) =>
        _runs.Values.OrderByDescending(r => r.StartedAt).Take(count).ToList();
}
