using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines.Compare;

/// <summary>Routes a ROI's feature_method to a method: configured deep-model names → deep, anything else → classical.</summary>
public sealed class SimilarityMethodSelector(
    DeepPooledSimilarity deep,
    OpponentSiftSimilarity classical,
    IOptions<AoiOptions> options)
{
    public ISimilarityMethod For(string? featureMethod) =>
        featureMethod is not null &&
        options.Value.DeepModelNames.Contains(featureMethod.Trim(), StringComparer.OrdinalIgnoreCase)
            ? deep
            : classical;
}
