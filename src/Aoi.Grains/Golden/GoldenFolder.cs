using System.Collections.Concurrent;

namespace Aoi.Grains.Golden;

/// <summary>
/// One golden_rois/roi_&lt;idx&gt; folder (spec 4.1): candidate order for compare and the automatic promotion of 4.3.
/// Changes take a per-folder lock inside this process; the golden library grain serialises them across the cluster.
/// </summary>
public sealed class GoldenFolder
{
    public const string BestName = "best_golden.jpg";
    private const string SampleSuffix = "_golden_sample.jpg";

    private static readonly ConcurrentDictionary<string, Lock> FolderLocks = new(StringComparer.Ordinal);

    private readonly TimeProvider _clock;

    public GoldenFolder(string path, TimeProvider? clock = null)
    {
        FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        _clock = clock ?? TimeProvider.System;
    }

    public string FullPath { get; }

    /// <summary>
    /// The in-process lock of this folder, shared by automatic promotion and the manual operations so that a direct
    /// promoter (tests, benchmarks) and the grain never interleave renames within one process.
    /// </summary>
    internal Lock ChangeLock => FolderLocks.GetOrAdd(FullPath, _ => new Lock());

    public static string FormatStamp(long size, long lastWriteTicks) => $"{size}:{lastWriteTicks}";

    /// <summary>
    /// Every *.jpg (any case) in compare order: best_golden.jpg first, then ordinal by file name (spec 3.3). A missing
    /// folder has no candidates.
    /// </summary>
    public IReadOnlyList<GoldenCandidate> ListCandidates()
    {
        var folder = new DirectoryInfo(FullPath);
        if (!folder.Exists)
        {
            return [];
        }

        return InCompareOrder(folder.EnumerateFiles()
            .Where(f => f.Extension.Equals(".jpg", StringComparison.OrdinalIgnoreCase))
            .Select(f => new GoldenCandidate(f.Name, f.FullName, f.Length, f.LastWriteTimeUtc.Ticks)));
    }

    /// <summary>Compare order of spec 3.3: best_golden.jpg first, then ordinal by name (also for what-if libraries).</summary>
    public static IReadOnlyList<GoldenCandidate> InCompareOrder(IEnumerable<GoldenCandidate> candidates) =>
        candidates.OrderBy(c => c.IsBest ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Where a candidate listed earlier went when it no longer exists under its name: renames inside the folder
    /// (promotion, manual promote/restore) keep size and last-write time, so the file now carrying the same stamp is
    /// the same picture. Null when it still exists or left the folder. Lets a compare that raced a promotion score
    /// the picture instead of skipping it as unreadable.
    /// </summary>
    public GoldenCandidate? Relocated(GoldenCandidate listed) =>
        File.Exists(listed.FullPath) ? null : ListCandidates().FirstOrDefault(c => c.Stamp == listed.Stamp);

    /// <summary>Current stamp of a file of this folder, null when it does not exist.</summary>
    public string? StampOf(string name)
    {
        var file = new FileInfo(Path.Combine(FullPath, name));
        return file.Exists ? FormatStamp(file.Length, file.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>
    /// Automatic promotion (spec 4.3): when both files still carry the stamps seen during compare, the current best
    /// becomes &lt;13-digit epoch ms&gt;_golden_sample.jpg and the candidate becomes best_golden.jpg. Renames only, so
    /// the file count never changes; a failed second rename puts the first one back. Returns false when skipped.
    /// </summary>
    public bool PromoteMatch(string candidateName, string candidateStamp, string? bestStamp)
    {
        if (!IsPlainJpgName(candidateName) || candidateName == BestName)
        {
            return false;
        }

        lock (ChangeLock)
        {
            if (StampOf(candidateName) != candidateStamp || StampOf(BestName) != bestStamp)
            {
                return false;
            }

            var best = Path.Combine(FullPath, BestName);
            string? backup = null;
            if (bestStamp is not null)
            {
                backup = FreeSampleName();
                File.Move(best, backup, overwrite: false);
            }

            try
            {
                File.Move(Path.Combine(FullPath, candidateName), best, overwrite: false);
            }
            catch
            {
                if (backup is not null)
                {
                    File.Move(backup, best, overwrite: false);
                }

                throw;
            }

            return true;
        }
    }

    private string FreeSampleName()
    {
        // Next free millisecond when the name is taken, so backups never collide (spec 4.2).
        var ms = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var path = Path.Combine(FullPath, $"{ms:D13}{SampleSuffix}");
            if (!File.Exists(path))
            {
                return path;
            }

            ms++;
        }
    }

    private static bool IsPlainJpgName(string name) =>
        name.Length > 0 &&
        name == Path.GetFileName(name) &&
        name is not "." and not ".." &&
        name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase);
}
