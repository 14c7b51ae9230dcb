namespace Aoi.Grains.Review;

/// <summary>Review station settings; bound from "Aoi:Review".</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Aoi:Review";

    /// <summary>
    /// Learn a confirmed compare false call as an alternative golden when the verdict does not say (no <c>learn</c>
    /// field). Applies only to reviewers allowed to learn (engineer role and above); an operator's false call is
    /// recorded without learning.
    /// </summary>
    public bool AutoLearnFalseCalls { get; set; }
}
