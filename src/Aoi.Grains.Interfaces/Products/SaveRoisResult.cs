namespace Aoi.Grains.Interfaces;

/// <summary>Result of saving a ROI list (spec 2.6): 200 with deleted golden folders, or 422 with messages.</summary>
[GenerateSerializer, Immutable, Alias("aoi.SaveRoisResult")]
public sealed record SaveRoisResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string[] ValidationErrors,
    [property: Id(3)] int SavedCount,
    [property: Id(4)] int[] DeletedRoiIndices);
