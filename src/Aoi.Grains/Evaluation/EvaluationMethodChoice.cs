using Aoi.Grains.Engines.Compare.Library;

namespace Aoi.Grains.Evaluation;

/// <summary>Maps a requested <see cref="EvaluationMethod"/> name to the judge used for each ROI.</summary>
public sealed class EvaluationMethodChoice(CompareMethodSelector selector)
{
    /// <summary>Name of the previous deep method (v2).</summary>
    public const string PreviousName = "resnet18-aligned-spatial-v2";

    /// <summary>The judge per ROI, or null for an unknown choice. "configured" follows the server's feature_method routing.</summary>
    public Func<RoiDefinition, ILibraryJudge>? For(string choice) => choice switch
    {
        EvaluationMethod.Configured => roi => selector.For(roi.FeatureMethod),
        EvaluationMethod.Baseline when selector.Baseline is { } baseline => _ => baseline,
        EvaluationMethod.Previous when selector.ByName(PreviousName) is { } previous => _ => previous,
        EvaluationMethod.Classical => _ => selector.Classical,
        _ => null,
    };
}
