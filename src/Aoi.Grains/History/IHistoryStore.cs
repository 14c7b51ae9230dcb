namespace Aoi.Grains.History;

/// <summary>Durable inspection history: batched writes, filtered queries, aggregates for yield and SPC, retention.</summary>
public interface IHistoryStore
{
    /// <summary>Write a batch atomically; a record already stored (a retried batch) is skipped.</summary>
    Task WriteAsync(IReadOnlyList<InspectionRecord> batch, CancellationToken cancellationToken);

    /// <summary>One page of matching inspections, newest first, with devices but without ROI rows.</summary>
    Task<InspectionPage> QueryAsync(InspectionQuery query, CancellationToken cancellationToken);

    /// <summary>One inspection with its devices and ROI rows, or null.</summary>
    Task<InspectionRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inspection and pass counts per product and day, and ROI totals and failures per product and ROI.</summary>
    Task<YieldCounts> YieldCountsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Similarities of one compare ROI in time order (ROIs that produced no similarity are left out).</summary>
    Task<IReadOnlyList<SpcSample>> CompareSeriesAsync(string product, int roiId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Inspections whose kept images expired before <paramref name="now"/> (id and relative folder).</summary>
    Task<IReadOnlyList<(string Id, string ImageFolder)>> ExpiredImagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Forget the image folder of these inspections (their files are deleted).</summary>
    Task ClearImagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Delete inspections recorded before <paramref name="cutoff"/> with their devices and ROIs; returns how many.</summary>
    Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
