using System.Runtime.InteropServices;

namespace Aoi.Grains.History;

/// <summary>
/// Keeps a file under a second name. A hard link costs one system call whatever the file size, and it is safe
/// against the session's next inspection: output crops are replaced by rename (a new file), which leaves the linked
/// one untouched. Across file systems (or where links are refused) it falls back to a copy.
/// </summary>
public static class FileLinker
{
    /// <summary>Link or copy <paramref name="source"/> to <paramref name="target"/>; false when the source is gone.</summary>
    public static bool LinkOrCopy(string source, string target)
    {
        if (!File.Exists(source))
        {
            return false;
        }

        if (OperatingSystem.IsLinux() && Link(source, target) == 0)
        {
            return true;
        }

        File.Copy(source, target, overwrite: true);
        return true;
    }

    // DllImport rather than LibraryImport: the generated marshaller needs unsafe code, which the project does not allow.
    // CharSet.Ansi marshals as UTF-8 on Linux.
    [DllImport("libc", EntryPoint = "link", CharSet = CharSet.Ansi, SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
