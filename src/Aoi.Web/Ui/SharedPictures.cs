using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Images;

namespace Aoi.Web.Ui;

/// <summary>
/// Pictures in the shared root that the browser may show or inspect. Paths travel as paths relative to the shared
/// root (or with the client prefix) and are resolved with the same containment rules as image_path (spec 5.5).
/// </summary>
public sealed class SharedPictures(AoiPaths paths, SharedPathResolver resolver)
{
    public const int MaxListed = 500;
    public const string PathRequired = "path is required";

    private static readonly HashSet<string> PictureExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff" };

    /// <summary>Pictures under the shared root, except the per-session folders (uploads and ROI crops), by path.</summary>
    public IReadOnlyList<FileInfo> List()
    {
        var root = new DirectoryInfo(paths.SharedRoot);
        if (!root.Exists)
        {
            return [];
        }

        var sessions = Path.Combine(root.FullName, "sessions") + Path.DirectorySeparatorChar;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 6 };
        return root.EnumerateFiles("*", options)
            .Where(f => PictureExtensions.Contains(f.Extension) && !f.FullName.StartsWith(sessions, StringComparison.Ordinal))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .Take(MaxListed)
            .ToList();
    }

    /// <summary>The server path of an existing picture; 400 when the path is missing or escapes, 404 when absent.</summary>
    public string Resolve(string? given)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, PathRequired);
        }

        var file = resolver.ResolveImagePath(given);
        return File.Exists(file) ? file : throw new ApiException(StatusCodes.Status404NotFound, $"Image file not found: {given}");
    }

    /// <summary>Path relative to the shared root with forward slashes, or null when the file lies elsewhere.</summary>
    public string? RelativePath(string serverPath)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(paths.SharedRoot), Path.GetFullPath(serverPath));
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The path as the line clients would write it (client prefix + relative path).</summary>
    public string ClientPath(string relativePath) => paths.ClientPrefix + relativePath;
}
