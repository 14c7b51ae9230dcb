namespace Aoi.Grains.Interfaces;

/// <summary>
/// A confirmed defect kept as a ROI's regression sample: the inspection it comes from, what the reviewer said and
/// when, and the board's barcode. Stored beside the crop, outside the history's retention.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RegressionSampleInfo")]
public sealed record RegressionSampleInfo(
    [property: Id(0)] string InspectionId,
    [property: Id(1)] string Product,
    [property: Id(2)] int RoiId,
    [property: Id(3)] string? DefectKind,
    [property: Id(4)] string? Note,
    [property: Id(5)] string Reviewer,
    [property: Id(6)] DateTimeOffset ReviewedAt,
    [property: Id(7)] string? Barcode,
    [property: Id(8)] DateTimeOffset InspectedAt);
