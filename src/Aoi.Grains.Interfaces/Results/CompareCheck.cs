namespace Aoi.Grains.Interfaces;

/// <summary>One named check of a compare ROI (presence, placement, orientation, appearance, foreign_matter or
/// similarity): the measured value, the limit it was held against, and whether it passed.</summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareCheck")]
public sealed record CompareCheck(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] double Limit,
    [property: Id(3)] bool Passed);
