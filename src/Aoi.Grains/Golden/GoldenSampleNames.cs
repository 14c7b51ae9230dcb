using System.Text.RegularExpressions;

namespace Aoi.Grains.Golden;

/// <summary>Names of golden sample files (spec 4.1, 4.2, 7.6): which names are safe, which are backups, free backup names.</summary>
public static partial class GoldenSampleNames
{
    public const string BackupPrefix = "original_";
    public const string BackupSuffix = "_old_best.jpg";

    [GeneratedRegex(@"^original_.*_old_best\.jpg$")]
    private static partial Regex BackupPattern();

    /// <summary>
    /// A bare file name that cannot leave its folder: not empty, no "..", no '/', no '\' and no NUL (spec 7.6
    /// "Invalid filename"). ".." anywhere is refused, not only as a whole segment, as the legacy check did.
    /// </summary>
    public static bool IsSafeFileName(string? name) =>
        !string.IsNullOrEmpty(name)
        && !name.Contains("..", StringComparison.Ordinal)
        && name.IndexOfAny(['/', '\\', '\0']) < 0
        && name != ".";

    /// <summary>Golden candidates are *.jpg in any case (spec 3.3).</summary>
    public static bool IsJpg(string name) => name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase);

    /// <summary>original_*_old_best.jpg, the only names restore accepts (spec 4.4).</summary>
    public static bool IsBackupName(string name) => BackupPattern().IsMatch(name);

    /// <summary>
    /// original_&lt;epoch s&gt;_old_best.jpg, or original_&lt;s&gt;_&lt;n&gt;_old_best.jpg with the lowest free n ≥ 1 when
    /// taken (spec 4.2), so a backup never overwrites an earlier one made in the same second.
    /// </summary>
    public static string FreeBackupName(string folder, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var name = $"{BackupPrefix}{seconds}{BackupSuffix}";
        for (var n = 1; File.Exists(Path.Combine(folder, name)); n++)
        {
            name = $"{BackupPrefix}{seconds}_{n}{BackupSuffix}";
        }

        return name;
    }
}
