namespace Aoi.Grains.Review;

/// <summary>The two answers of the review station for a failed ROI, as written on the wire and in the database.</summary>
public static class ReviewVerdicts
{
    /// <summary>The part is good: the AOI was wrong.</summary>
    public const string FalseCall = "false_call";

    /// <summary>The part is really defective: the AOI was right.</summary>
    public const string Defect = "defect";

    public static bool IsValid(string? verdict) => verdict is FalseCall or Defect;
}
