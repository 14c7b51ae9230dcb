namespace Aoi.Grains.History;

/// <summary>
/// A compare ROI's similarity chart: control limits from the reference window and, per point, whether it breaks a
/// rule. <see cref="Drift"/> is raised by any broken rule; <see cref="FirstDriftAt"/> before <see cref="FirstFailAt"/>
/// (or no failure at all) is the early warning SPC is for. Limits are null when the reference has under 2 points.
/// </summary>
public sealed record SpcAnalysis(
    int ReferencePoints,
    double? Mean,
    double? Sigma,
    double? UpperLimit,
    double? LowerLimit,
    double? Threshold,
    bool Drift,
    DateTimeOffset? FirstDriftAt,
    DateTimeOffset? FirstFailAt,
    IReadOnlyList<SpcPoint> Points);

/// <summary>
/// One similarity. <see cref="OutsideLimits"/>: beyond mean ± 3σ. <see cref="InRun"/>: the 7th or later point of a run
/// on one side of the mean.
/// </summary>
public sealed record SpcPoint(DateTimeOffset At, string InspectionId, double Value, bool Passed, bool OutsideLimits, bool InRun)
{
    public bool Flagged => OutsideLimits || InRun;
}
