using Aoi.Grains.Options;

namespace Aoi.Grains.Inspection;

/// <summary>Where the ROI workers write an inspection's output pictures (spec 3.1 step 4), and how a line client names that folder.</summary>
public sealed record RoiOutputFolder(string Folder, string ClientPrefix)
{
    /// <summary>A session's output folder in the shared root.</summary>
    public static RoiOutputFolder OfSession(AoiPaths paths, string sessionId) =>
        new(paths.SessionOutput(sessionId), paths.ClientOutputPrefix(sessionId));
}
