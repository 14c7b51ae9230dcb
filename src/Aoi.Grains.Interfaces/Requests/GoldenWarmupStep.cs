namespace Aoi.Grains.Interfaces;

/// <summary>One golden of a compare ROI to prepare before the product's first inspection (its features, at the crop size).</summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenWarmupStep")]
public sealed record GoldenWarmupStep(
    [property: Id(0)] string ProductFolder,
    [property: Id(1)] RoiDefinition Roi,
    [property: Id(2)] int GoldenIndex);
