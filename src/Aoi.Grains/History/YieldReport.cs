namespace Aoi.Grains.History;

/// <summary>Pass rates per product, per product and day, per ROI, and the ROIs failing most.</summary>
public sealed record YieldReport(
    IReadOnlyList<ProductYield> Products,
    IReadOnlyList<DayYield> Days,
    IReadOnlyList<RoiYield> Rois,
    IReadOnlyList<RoiYield> TopFailing);

public sealed record ProductYield(string Product, long Inspections, long Passed, double PassRate);

public sealed record DayYield(string Product, string Day, long Inspections, long Passed, double PassRate);

/// <summary>A ROI's results; <see cref="FailureShare"/> is its part of all ROI failures of its product.</summary>
public sealed record RoiYield(string Product, int RoiId, string RoiType, long Total, long Failed, double PassRate, double FailureShare);
