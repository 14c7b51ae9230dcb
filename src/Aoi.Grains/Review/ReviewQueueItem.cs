namespace Aoi.Grains.Review;

/// <summary>
/// A failed ROI of a stored inspection that nobody has reviewed: where and when it was inspected, the board's barcode
/// (of the ROI's device), what the ROI measured and read, its kept pictures and its stored detail (coordinates,
/// the compare engine's defect and checks when present; see <see cref="History.RoiDetail"/>).
/// </summary>
public sealed record ReviewQueueItem(
    string InspectionId,
    DateTimeOffset InspectedAt,
    string Product,
    string? Station,
    string? Barcode,
    int RoiId,
    string RoiType,
    int DeviceId,
    double? Score,
    double? Threshold,
    string? Decoded,
    string? Error,
    string? ImageFolder,
    string? ImageFile,
    string? GoldenFile,
    string? Detail);

/// <summary>A page of the queue, newest inspection first, and how many unreviewed failed ROIs match in all.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, long Total, int Page, int PageSize);
