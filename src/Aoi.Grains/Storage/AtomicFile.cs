using System.Text;

namespace Aoi.Grains.Storage;

/// <summary>Whole-file replacement that readers never see half written (spec 2.6 step 3).</summary>
public static class AtomicFile
{
    /// <summary>Write to a temporary file in the same folder, flush it to disk, then rename it over the target.</summary>
    public static void WriteAllText(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        // Same folder, so the rename stays on one file system and is atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
