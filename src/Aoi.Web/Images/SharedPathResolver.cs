using Aoi.Grains.Options;
using Aoi.Web.Http;

namespace Aoi.Web.Images;

/// <summary>
/// Maps client paths to server paths inside the shared root (spec 5.5). A path is accepted only when its fully
/// resolved form — after <c>..</c> and after following every symbolic link to its final target — stays inside the
/// (equally resolved) root, so neither traversal nor a link planted in the share can reach other files.
/// </summary>
public sealed class SharedPathResolver(AoiPaths paths)
{
    public const string OutsideSharedFolder = "Invalid image path: outside shared folder";
    public const string InvalidImageFilename = "Invalid image filename";

    /// <summary>Resolve an <c>image_path</c> (client prefix, absolute or relative to the shared root).</summary>
    public string ResolveImagePath(string given) =>
        TryResolveSharedPath(given) ?? throw new ApiException(StatusCodes.Status400BadRequest, OutsideSharedFolder);

    /// <summary>Like <see cref="ResolveImagePath"/> but returns null instead of throwing when the path escapes.</summary>
    public string? TryResolveSharedPath(string given)
    {
        if (string.IsNullOrWhiteSpace(given) || given.Contains('\0'))
        {
            return null;
        }

        var root = paths.SharedRoot;
        string candidate;
        var prefix = paths.ClientPrefix;
        if (given.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Join, not Combine: a rooted remainder ("/mnt/visual-aoi-shared//etc/x") must not replace the root.
            candidate = Path.Join(root, given[prefix.Length..]);
        }
        else if (given == prefix.TrimEnd('/'))
        {
            candidate = root;
        }
        else if (Path.IsPathRooted(given))
        {
            candidate = given;
        }
        else
        {
            candidate = Path.Join(root, given);
        }

        return ContainedPath(candidate, root);
    }

    /// <summary>Resolve an <c>image_filename</c> relative to the session's input folder (spec 5.5).</summary>
    public string ResolveInputFilename(string sessionId, string given)
    {
        if (string.IsNullOrWhiteSpace(given) || given.Contains('\0') || Path.IsPathRooted(given))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidImageFilename);
        }

        var folder = paths.SessionInput(sessionId);
        return ContainedPath(Path.Join(folder, given), folder)
            ?? throw new ApiException(StatusCodes.Status400BadRequest, InvalidImageFilename);
    }

    /// <summary>
    /// The normalised <paramref name="candidate"/> when it and its link-resolved form both lie inside
    /// <paramref name="root"/>; otherwise null.
    /// </summary>
    public static string? ContainedPath(string candidate, string root)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(candidate);
        if (!IsInside(full, fullRoot))
        {
            return null;
        }

        try
        {
            var realRoot = ResolveLinks(fullRoot);
            var real = ResolveLinks(full);
            return IsInside(real, realRoot) ? full : null;
        }
        catch (IOException)
        {
            // A link cycle (too many levels) cannot be proven to stay inside.
            return null;
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both full paths).</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        return path.Equals(trimmedRoot, StringComparison.Ordinal)
            || path.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// The path with every existing symbolic link component replaced by its final target (like realpath); components
    /// that do not exist yet are appended unchanged.
    /// </summary>
    public static string ResolveLinks(string fullPath)
    {
        var rootPart = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[rootPart.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = rootPart;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is null)
            {
                if (!info.Exists)
                {
                    // Nothing further exists, so nothing further can be a link.
                    return Path.GetFullPath(Path.Join([current, .. parts[i..]]));
                }

                current = next;
                continue;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            // A dangling link has no final target; treat its textual target as where it points.
            var targetPath = target?.FullName ?? Path.GetFullPath(info.LinkTarget, current);
            current = ResolveLinks(Path.GetFullPath(targetPath));
        }

        return current;
    }
}
