using Aoi.Grains.History;

namespace Aoi.Grains.Review;

/// <summary>Review verdicts in the history database: the queue of unreviewed failed ROIs, verdicts, figures.</summary>
public interface IReviewStore
{
    /// <summary>Failed ROIs without a verdict in force, newest inspection first (then by ROI id); the query's product,
    /// station, barcode and time filters apply, its verdict filter does not.</summary>
    Task<ReviewQueuePage> QueueAsync(InspectionQuery query, CancellationToken cancellationToken);

    /// <summary>The verdict in force for one ROI of an inspection, or null.</summary>
    Task<ReviewRecord?> InForceAsync(string inspectionId, int roiId, CancellationToken cancellationToken);

    /// <summary>Every verdict given on the inspection's ROIs, replaced ones included, oldest first.</summary>
    Task<IReadOnlyList<ReviewRecord>> ForInspectionAsync(string inspectionId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="review"/> as the ROI's verdict in force, atomically marking the earlier one
    /// replaced; returns that earlier verdict, or null.</summary>
    Task<ReviewRecord?> StoreAsync(ReviewRecord review, CancellationToken cancellationToken);

    /// <summary>Figures per product and ROI of inspections recorded in [from, to).</summary>
    Task<ReviewStats> StatsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>The product's false-call verdicts in force, with where their crops are kept (null when purged).</summary>
    Task<IReadOnlyList<ConfirmedFalseCall>> FalseCallsAsync(string product, CancellationToken cancellationToken);
}

/// <summary>A confirmed false call and its kept crop (folder relative to the history root, file name), when still kept.</summary>
public sealed record ConfirmedFalseCall(string InspectionId, int RoiId, string? ImageFolder, string? ImageFile);
