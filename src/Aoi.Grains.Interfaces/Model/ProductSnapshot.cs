namespace Aoi.Grains.Interfaces;

/// <summary>One consistent view of a product's configuration used for a whole inspection (spec 2.5).</summary>
[GenerateSerializer, Immutable, Alias("aoi.ProductSnapshot")]
public sealed record ProductSnapshot(
    [property: Id(0)] string ProductName,
    [property: Id(1)] long Version,
    [property: Id(2)] RoiDefinition[] Rois,
    [property: Id(3)] ColorRange[]? ProductColorRanges,
    [property: Id(4)] string ProductFolder);
