namespace Aoi.Grains.Interfaces;

/// <summary>Which similarity method an evaluation uses (request field <c>method</c>).</summary>
public static class EvaluationMethod
{
    /// <summary>What the server uses for each ROI's feature_method (spec 3.3 routing).</summary>
    public const string Configured = "configured";

    /// <summary>The pooled ResNet-18 cosine of the legacy design, for comparison.</summary>
    public const string Baseline = "baseline";

    /// <summary>The classical OpenCV method, as for feature_method sift/opencv/orb/null.</summary>
    public const string Classical = "classical";

    public static readonly string[] All = [Configured, Baseline, Classical];
}
