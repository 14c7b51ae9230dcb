using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>A session's folder in the shared root (spec 5.4): input, output and captures.</summary>
internal static class SessionFolder
{
    public static void Create(AoiPaths paths, string sessionId)
    {
        var folder = paths.SessionFolder(sessionId);
        foreach (var sub in new[] { "input", "output", "captures" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }
    }

    /// <summary>Deletes the folder with everything in it; false (and a warning) when it could not be.</summary>
    public static bool TryDelete(AoiPaths paths, string sessionId, ILogger logger)
    {
        var folder = paths.SessionFolder(sessionId);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Session {SessionId}: folder {Folder} could not be deleted", sessionId, folder);
            return false;
        }
    }
}
