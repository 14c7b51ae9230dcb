using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Engines.Compare.Library;

/// <summary>
/// Routes a ROI's feature_method to a judge (spec 3.3): configured deep-model names → the deep judge (in the silo the
/// patch-library method v3), anything else → the classical pair-wise method. Earlier methods (the v2 aligned-spatial
/// method, the legacy pooled cosine) stay reachable by name so the accuracy benchmark can report them side by side.
/// </summary>
public sealed class CompareMethodSelector(
    ILibraryJudge deep,
    ILibraryJudge classical,
    IOptions<AoiOptions> options,
    IReadOnlyList<ILibraryJudge>? earlier = null)
{
    /// <summary>Name of the legacy pooled-cosine method (spec 3.6 baseline).</summary>
    public const string BaselineName = "resnet18-pooled-cosine";

    public ILibraryJudge Deep => deep;

    public ILibraryJudge Classical => classical;

    /// <summary>Earlier deep methods kept for side-by-side measurement.</summary>
    public IReadOnlyList<ILibraryJudge> Earlier => earlier ?? [];

    /// <summary>The legacy pooled-cosine method, when registered.</summary>
    public ILibraryJudge? Baseline => ByName(BaselineName);

    public ILibraryJudge For(string? featureMethod) =>
        featureMethod is not null &&
        options.Value.DeepModelNames.Contains(featureMethod.Trim(), StringComparer.OrdinalIgnoreCase)
            ? deep
            : classical;

    /// <summary>A judge by its <see cref="ILibraryJudge.Name"/>, or null.</summary>
    public ILibraryJudge? ByName(string name) =>
        new[] { deep, classical }.Concat(Earlier).FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
