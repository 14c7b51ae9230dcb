namespace Aoi.Grains.Storage;

/// <summary>
/// Cheap identity of a file's content (size + last write time) used to notice edits made outside the server
/// without reading the file. A missing file has its own stamp, so deletion and re-creation are noticed too.
/// </summary>
public readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
{
    public static readonly FileStamp Missing = new(-1, DateTime.MinValue);

    public bool Exists => Length >= 0;

    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : Missing;
    }
}
