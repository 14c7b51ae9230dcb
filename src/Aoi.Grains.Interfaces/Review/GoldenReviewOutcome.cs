namespace Aoi.Grains.Interfaces;

/// <summary>How a verdict's library change ended.</summary>
[GenerateSerializer, Alias("aoi.GoldenReviewOutcome")]
public enum GoldenReviewOutcome
{
    /// <summary>Done (possibly with nothing to change); see the other fields for what changed.</summary>
    Applied = 0,

    /// <summary>Learning refused: the grown library would let a regression sample pass (<see cref="GoldenReviewResult.Escape"/>). Nothing changed.</summary>
    RefusedByRegression = 1,

    /// <summary>The product is not configured (any more): there is no library to learn into. Nothing changed.</summary>
    ProductNotFound = 2,

    /// <summary>The ROI is not a compare ROI of the product's configuration (any more). Nothing changed.</summary>
    NotCompare = 3,

    /// <summary>The reviewed crop is not a usable picture (does not decode, too large). Nothing changed.</summary>
    CropUnusable = 4,
}
