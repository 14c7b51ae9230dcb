namespace Aoi.Grains.History;

/// <summary>
/// One inspection as the history keeps it: who asked (session, station), what for (product, device barcodes), the
/// verdict of every ROI and where its kept pictures are. Times are UTC; <see cref="Day"/> is the server's local
/// calendar day, so daily yield follows the factory's shifts rather than UTC midnight.
/// </summary>
public sealed record InspectionRecord(
    string Id,
    DateTimeOffset RecordedAt,
    string Day,
    string Product,
    string SessionId,
    string? Station,
    string ClientInfoJson,
    bool Grouped,
    bool Passed,
    int TotalRois,
    int PassedRois,
    int FailedRois,
    double ProcessingMs,
    IReadOnlyList<DeviceRecord> Devices,
    IReadOnlyList<RoiRecord> Rois,
    string? ImageFolder,
    DateTimeOffset? ImagesExpireAt);

/// <summary>A device of an inspection with its chosen barcode before (raw) and after linking.</summary>
public sealed record DeviceRecord(int DeviceId, string Barcode, string BarcodeRaw, string BarcodeSource, bool Passed);

/// <summary>
/// One ROI verdict. <see cref="Score"/> is the type's measure (compare similarity, colour match %, OCR confidence;
/// none for barcodes) and <see cref="Decoded"/> what was read (barcode values joined by '|', OCR text, colour name,
/// compare match result). Image names are files inside the inspection's kept-image folder. <see cref="Detail"/> is
/// the JSON the review station needs beyond that (<see cref="RoiDetail"/>), kept for failed inspections only.
/// </summary>
public sealed record RoiRecord(
    int RoiId,
    string RoiType,
    int DeviceId,
    bool Passed,
    double? Score,
    double? Threshold,
    string? Decoded,
    string? Error,
    double ProcessingMs,
    string? Group,
    string? ImageFile,
    string? GoldenFile,
    string? Detail = null);
