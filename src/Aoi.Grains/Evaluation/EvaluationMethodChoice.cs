using Aoi.Grains.Engines.Compare;

namespace Aoi.Grains.Evaluation;

/// <summary>Maps a requested <see cref="EvaluationMethod"/> name to the similarity method used for each ROI.</summary>
public sealed class EvaluationMethodChoice(SimilarityMethodSelector selector, DeepPooledSimilarity baseline, OpponentSiftSimilarity classical)
{
    /// <summary>The method per ROI, or null for an unknown choice. "configured" follows the server's feature_method routing.</summary>
    public Func<RoiDefinition, ISimilarityMethod>? For(string choice) => choice switch
    {
        EvaluationMethod.Configured => roi => selector.For(roi.FeatureMethod),
        EvaluationMethod.Baseline => _ => baseline,
        EvaluationMethod.Classical => _ => classical,
        _ => null,
    };
}
