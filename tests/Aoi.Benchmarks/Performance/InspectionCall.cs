namespace Aoi.Benchmarks.Performance;

/// <summary>
/// One inspection request as the client saw it: status, wall time, the server's split from the X-Aoi-* headers, and
/// from the body the verdict, ROI count and the sum of per-ROI processing_time_ms.
/// </summary>
public sealed record InspectionCall(
    int Status, double WallMs, double? DecodeMs, double? RoiPhaseMs, double? PipelineMs,
    bool? Passed, int RoiCount, double SumRoiMs, int FailedRoisWithError, string? Error)
{
    /// <summary>HTTP, JSON and everything outside the server pipeline: client wall time minus the pipeline.</summary>
    public double? ResponseMs => PipelineMs is { } p ? WallMs - p : null;
}
