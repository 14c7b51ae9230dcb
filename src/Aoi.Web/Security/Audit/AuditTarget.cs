namespace Aoi.Web.Security.Audit;

/// <summary>The product (and ROI, for golden folders) a change names; null parts were not given or not valid.</summary>
public sealed record AuditTarget(string? Product, int? RoiId);
