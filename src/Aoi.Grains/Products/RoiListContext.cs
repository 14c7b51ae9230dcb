namespace Aoi.Grains.Products;

/// <summary>What reading one ROI needs to know about the rest of the list and the product.</summary>
internal sealed class RoiListContext(bool productHasColorRanges, double defaultCompareThreshold)
{
    /// <summary>A product colour file with at least one range satisfies the type-4 colour rule (spec 2.4).</summary>
    public bool ProductHasColorRanges { get; } = productHasColorRanges;

    public double DefaultCompareThreshold { get; } = defaultCompareThreshold;

    /// <summary>idx → position of its first occurrence, for the duplicate rule.</summary>
    public Dictionary<int, int> FirstPositionOfIdx { get; } = [];
}
