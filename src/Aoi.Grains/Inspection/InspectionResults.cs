namespace Aoi.Grains.Inspection;

/// <summary>ROI results sorted by roi_id with their device summaries and overall counts (spec 6.2, 6.3).</summary>
public sealed record InspectionResults(RoiResult[] RoiResults, DeviceSummary[] Devices, OverallResult Overall);
