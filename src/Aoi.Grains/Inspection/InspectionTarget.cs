namespace Aoi.Grains.Inspection;

/// <summary>
/// Where one inspection runs: the session, its product, and how ROI work reaches a worker (a grain call in the
/// cluster, a direct call in tests). The dispatcher may throw; the pipeline turns that into the ROI's failed result.
/// </summary>
public sealed record InspectionTarget(string SessionId, string ProductName, Func<RoiWorkItem, Task<RoiResult>> Dispatch);
