namespace Aoi.Grains.Interfaces;

/// <summary>One step of preparing a compare ROI before the product's first inspection (its model from the library).</summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareWarmupStep")]
public sealed record CompareWarmupStep(
    [property: Id(0)] string ProductFolder,
    [property: Id(1)] RoiDefinition Roi,
    [property: Id(2)] int StepIndex);
