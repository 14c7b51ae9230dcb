namespace Aoi.Grains.Interfaces;

/// <summary>A compare ROI whose model is to be built before the product's first inspection.</summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareRoiWarmup")]
public sealed record CompareRoiWarmup(
    [property: Id(0)] string ProductFolder,
    [property: Id(1)] RoiDefinition Roi);
