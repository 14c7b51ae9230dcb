namespace Aoi.Grains.History;

/// <summary>Raw counts the yield report is computed from.</summary>
public sealed record YieldCounts(IReadOnlyList<DayCount> Days, IReadOnlyList<RoiCount> Rois);

/// <summary>Inspections of a product on one (server-local) day and how many passed.</summary>
public sealed record DayCount(string Product, string Day, long Inspections, long Passed);

/// <summary>Results of one ROI of a product and how many failed.</summary>
public sealed record RoiCount(string Product, int RoiId, string RoiType, long Total, long Failed);

/// <summary>One compare similarity in time, with the threshold it was judged against.</summary>
public sealed record SpcSample(DateTimeOffset At, string InspectionId, double Value, double? Threshold, bool Passed);
