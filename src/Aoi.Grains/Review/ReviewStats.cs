namespace Aoi.Grains.Review;

/// <summary>Review figures of a time range: per product, and per ROI of each product.</summary>
public sealed record ReviewStats(IReadOnlyList<ProductReviewStats> Products, IReadOnlyList<RoiReviewStats> Rois);

/// <summary>
/// One product: inspections and how many passed first time, how many pass after review (a failed inspection whose
/// every failed ROI was confirmed a false call; unreviewed failures stay failures), and its ROI totals.
/// </summary>
public sealed record ProductReviewStats(
    string Product, long Inspections, long Passed, long PassedAfterReview, RoiReviewCounts Rois)
{
    public double FirstPassYield => Inspections == 0 ? 0 : (double)Passed / Inspections;

    public double YieldAfterReview => Inspections == 0 ? 0 : (double)PassedAfterReview / Inspections;
}

/// <summary>One ROI of one product over the range.</summary>
public sealed record RoiReviewStats(string Product, int RoiId, string RoiType, RoiReviewCounts Counts);

/// <summary>
/// ROI results inspected, failed, reviewed, confirmed defects and false calls. The false-call rate is per million
/// inspected ROI results; the yields are shares of ROI results that passed first time and after review.
/// </summary>
public sealed record RoiReviewCounts(long Inspected, long Failed, long Reviewed, long ConfirmedDefects, long FalseCalls)
{
    public double FalseCallPpm => Inspected == 0 ? 0 : FalseCalls * 1_000_000.0 / Inspected;

    public double FirstPassYield => Inspected == 0 ? 0 : (double)(Inspected - Failed) / Inspected;

    public double YieldAfterReview => Inspected == 0 ? 0 : (double)(Inspected - Failed + FalseCalls) / Inspected;

    public RoiReviewCounts Plus(RoiReviewCounts other) => new(Inspected + other.Inspected, Failed + other.Failed,
        Reviewed + other.Reviewed, ConfirmedDefects + other.ConfirmedDefects, FalseCalls + other.FalseCalls);

    public static RoiReviewCounts None { get; } = new(0, 0, 0, 0, 0);
}
