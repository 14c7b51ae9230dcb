using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Routes a ROI's feature_method to a method (spec 3.3): configured deep-model names → the deep method (in the silo
/// <see cref="AlignedSpatialSimilarity"/>), anything else → classical. The pooled-cosine baseline stays reachable by
/// name so the accuracy harness can report it side by side.
/// </summary>
public sealed class SimilarityMethodSelector(
    ISimilarityMethod deep,
    OpponentSiftSimilarity classical,
    IOptions<AoiOptions> options,
    DeepPooledSimilarity? baseline = null)
{
    public ISimilarityMethod Deep => deep;

    public ISimilarityMethod Classical => classical;

    /// <summary>The legacy pooled-cosine method (spec 3.6 baseline), when registered.</summary>
    public ISimilarityMethod? Baseline => baseline;

    public ISimilarityMethod For(string? featureMethod) =>
        featureMethod is not null &&
        options.Value.DeepModelNames.Contains(featureMethod.Trim(), StringComparer.OrdinalIgnoreCase)
            ? deep
            : classical;

    /// <summary>A method by its <see cref="ISimilarityMethod.Name"/>, or null.</summary>
    public ISimilarityMethod? ByName(string name) =>
        new[] { deep, classical, baseline }.FirstOrDefault(m => m is not null && string.Equals(m.Name, name, StringComparison.Ordinal));
}
