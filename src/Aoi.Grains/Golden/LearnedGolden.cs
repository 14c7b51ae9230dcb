namespace Aoi.Grains.Golden;

/// <summary>
/// Names of goldens learned from reviewed false calls: learned_&lt;inspection id&gt;.jpg. One name per inspection and
/// ROI folder makes learning idempotent (a retried verdict finds its golden) and lets a later "defect" verdict on the
/// same inspection find and withdraw what it taught.
/// </summary>
public static class LearnedGolden
{
    public const string Prefix = "learned_";

    public static string NameFor(string inspectionId) => $"{Prefix}{inspectionId}.jpg";
}
