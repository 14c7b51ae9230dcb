using Aoi.Grains.Engines.Compare.Models;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Per-image data of <see cref="AlignedSpatialSimilarity"/>: the grey image at working resolution (alignment and
/// pixel structure) and the ResNet-18 stage-3 map, position-major (position-by-position comparison).
/// </summary>
public sealed record AlignedImageFeatures(int Width, int Height, float[] Grey, SpatialFeatures Stage3);
