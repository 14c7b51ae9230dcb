using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// ROI models kept on disk beside the silo's data (docs/compare-method.md): a model built at teach time survives a
/// restart, so the start-up warm-up and a first inspection read it instead of building it again. A file is found only
/// by the model's whole identity — the golden folder, its listing with every file's size and time, the ROI size, the
/// judge, and the build of the engine and its network — so a changed library, a resized ROI or an upgraded server never
/// reads a stale model; it builds one. One model per golden folder is kept: writing a folder's model removes its older
/// ones. A file that is truncated, altered (SHA-256 of the content) or unreadable is deleted and the model rebuilt.
/// Purely an optimisation: every failure here is logged and the model is built as if there were no store.
/// </summary>
public sealed partial class LibraryModelStore(string root, string build, ILogger<LibraryModelStore> logger)
{
    /// <summary>The store's folder under the silo's data root.</summary>
    public const string FolderName = "compare-models";

    private const string Magic = "aoi-roi-model";
    private const int FormatVersion = 2;
    private const string Extension = ".model";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The build identity of an engine: its assembly's module version (new with every change of its code) and
    /// the size and time of each model file it runs (a new network), and the variant that computes on them (a precision, a
    /// calibration).</summary>
    public static string BuildOf(Assembly engine, string variant, params string[] modelFiles) =>
        string.Join(';', [engine.ManifestModule.ModuleVersionId.ToString("N"), variant,
            .. modelFiles.Select(f => new FileInfo(f) is { Exists: true } info ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : "absent")]);

    /// <summary>The stored model of exactly this identity, or null (none, another format, or unreadable: then deleted).</summary>
    public LibraryModel? TryLoad(LibraryModelKey key, ILibraryJudge judge)
    {
        var path = PathOf(key);
        if (judge is not IStoredModelFormat format || !File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead(path);
            using var reader = new BinaryReader(file, Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != Identity(key))
            {
                throw new InvalidDataException("another model's file");
            }

            var length = reader.ReadInt64();
            var hash = reader.ReadBytes(SHA256.HashSizeInBytes);
            if (length < 0 || length != file.Length - file.Position)
            {
                throw new InvalidDataException($"content of {length} bytes where {file.Length - file.Position} remain");
            }

            var payload = reader.ReadBytes((int)length);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
            {
                throw new InvalidDataException("content does not match its SHA-256");
            }

            using var body = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            var model = format.Read(body);
            return body.BaseStream.Position == length ? model : throw new InvalidDataException("content longer than the model");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            LogUnreadable(ex, path);
            TryDelete(path);
            return null;
        }
    }

    /// <summary>Writes the model (atomically: a reader sees the old file or the whole new one) and removes the folder's
    /// older models; a judge without a stored format is skipped.</summary>
    public void Save(LibraryModelKey key, ILibraryJudge judge, LibraryModel model)
    {
        if (judge is not IStoredModelFormat format || !BitConverter.IsLittleEndian)
        {
            return;
        }

        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var payload = new MemoryStream();
            using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            {
                format.Write(model, writer);
            }

            Directory.CreateDirectory(folder);
            using (var file = File.Create(temporary))
            using (var writer = new BinaryWriter(file, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(Identity(key));
                writer.Write(payload.Length);
                writer.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
                writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
            }

            File.Move(temporary, path, overwrite: true);
            foreach (var older in Directory.EnumerateFiles(folder, "*" + Extension).Where(f => f != path))
            {
                TryDelete(older);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(ex, path);
            TryDelete(temporary);
        }
    }

    /// <summary>Removes every stored model of a golden folder (after its library changed).</summary>
    public void DeleteFolder(string goldenFolder)
    {
        var folder = FolderOf(goldenFolder);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(ex, folder);
        }
    }

    /// <summary>Where the model of this identity is kept (whether or not it exists).</summary>
    public string PathOf(LibraryModelKey key) => Path.Combine(FolderOf(key.Folder), Hash(Identity(key))[..32] + Extension);

    private string FolderOf(string goldenFolder) =>
        Path.Combine(Root, Hash(Path.TrimEndingDirectorySeparator(Path.GetFullPath(goldenFolder)))[..16]);

    private string Identity(LibraryModelKey key) =>
        string.Join('\n', Path.TrimEndingDirectorySeparator(Path.GetFullPath(key.Folder)), key.Listing, $"{key.Width}x{key.Height}", key.Method, build);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(ex, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored ROI model {Path} is unreadable; it is deleted and the model built again")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ROI model store could not write or remove {Path}; models are built as needed")]
    private partial void LogNotSaved(Exception exception, string path);
}
