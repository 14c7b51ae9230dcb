using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aoi.Grains.Golden;

/// <summary>
/// "Rename folders" of spec 4.4 on a product's golden_rois: roi_&lt;old&gt; → roi_&lt;new&gt; in two phases (every source
/// to a temporary name first, then every temporary name to its destination) so that swaps and chains work. A
/// destination that exists and is not itself renamed is replaced as the spec says, but its files are moved aside to
/// replaced_roi_&lt;new&gt;_&lt;epoch ms&gt; and logged rather than deleted: a wrong mapping must not destroy a library.
/// Any failure undoes the moves already made, in reverse order.
/// </summary>
public sealed class GoldenFolderRenamer(string goldenRoot, TimeProvider? clock = null, ILogger? logger = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The roi_&lt;idx&gt; folders a mapping touches (sources and destinations), for invalidation.</summary>
    public static IEnumerable<int> AffectedIds(IReadOnlyDictionary<int, int> mapping) =>
        mapping.Keys.Concat(mapping.Values).Distinct().Order();

    /// <summary>Renames the existing source folders; returns how many were renamed.</summary>
    public int Rename(IReadOnlyDictionary<int, int> mapping)
    {
        if (mapping.Values.Distinct().Count() != mapping.Count || mapping.Any(p => p.Key < 1 || p.Value < 1))
        {
            throw new ArgumentException("ROI ids must be ≥ 1 and no two sources may share a destination", nameof(mapping));
        }

        var moves = mapping
            .Where(p => p.Key != p.Value && Directory.Exists(Folder(p.Key)))
            .OrderBy(p => p.Key)
            .Select(p => (Old: p.Key, New: p.Value, Temp: Path.Combine(goldenRoot, $".renaming-{Guid.NewGuid():N}-roi_{p.Key}")))
            .ToList();
        var done = new Stack<(string From, string To)>();
        try
        {
            foreach (var move in moves)
            {
                Move(Folder(move.Old), move.Temp, done);
            }

            foreach (var move in moves)
            {
                var destination = Folder(move.New);
                if (Directory.Exists(destination))
                {
                    // Every renamed source is at its temporary name by now, so this folder is not part of the mapping.
                    var aside = FreeAsideName(move.New);
                    Move(destination, aside, done);
                    _logger.LogWarning("Golden folder {Destination} replaced by roi_{Old}; its files were kept in {Aside}",
                        destination, move.Old, aside);
                }

                Move(move.Temp, destination, done);
            }
        }
        catch
        {
            Undo(done);
            throw;
        }

        return moves.Count;
    }

    private string Folder(int idx) => Path.Combine(goldenRoot, $"roi_{idx}");

    private string FreeAsideName(int idx)
    {
        var ms = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (Directory.Exists(Path.Combine(goldenRoot, $"replaced_roi_{idx}_{ms}")))
        {
            ms++;
        }

        return Path.Combine(goldenRoot, $"replaced_roi_{idx}_{ms}");
    }

    private static void Move(string from, string to, Stack<(string From, string To)> done)
    {
        Directory.Move(from, to);
        done.Push((from, to));
    }

    private void Undo(Stack<(string From, string To)> done)
    {
        while (done.TryPop(out var move))
        {
            try
            {
                Directory.Move(move.To, move.From);
            }
            catch (IOException ex)
            {
                // Nothing is lost (the folder still exists under its other name) but it needs a person.
                _logger.LogError(ex, "Could not move golden folder {To} back to {From}", move.To, move.From);
            }
        }
    }
}
