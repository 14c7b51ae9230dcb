namespace Aoi.Grains.Interfaces;

/// <summary>Result of saving a ROI list (spec 2.6): saved, with the golden folders deleted, or refused with messages.</summary>
[GenerateSerializer, Immutable, Alias("aoi.SaveRoisResult")]
public sealed record SaveRoisResult(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] int SavedCount,
    [property: Id(2)] int[] DeletedRoiIndices);
