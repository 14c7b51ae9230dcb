namespace Aoi.Grains.Review;

/// <summary>A regression sample: what was confirmed, and the crop file.</summary>
public sealed record RegressionSample(RegressionSampleInfo Info, string CropFile);
