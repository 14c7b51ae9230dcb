using Aoi.Grains.Engines.Compare.Models;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Per-image data of <see cref="AlignedSpatialSimilarity"/>: the grey image at working resolution (for alignment
/// and pixel structure) and unit-normalised ResNet-18 stage maps (for position-by-position comparison).
/// </summary>
public sealed record AlignedImageFeatures(int Width, int Height, float[] Grey, SpatialFeatures Stage2, SpatialFeatures Stage3);
