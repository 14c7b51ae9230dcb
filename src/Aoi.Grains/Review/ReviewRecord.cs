namespace Aoi.Grains.Review;

/// <summary>
/// One verdict on one failed ROI of an inspection: what the reviewer said, whether the crop was learned (and as which
/// golden), a note for the reviewer (<see cref="Reason"/>), who and when. <see cref="InForce"/> is false once a later
/// review of the same ROI replaced it (<see cref="ReplacedBy"/>); replaced verdicts are kept as the ROI's history.
/// </summary>
public sealed record ReviewRecord(
    string ReviewId,
    string InspectionId,
    int RoiId,
    string Product,
    string Verdict,
    string? DefectKind,
    string? Note,
    bool Learned,
    string? GoldenFile,
    string? Reason,
    string Reviewer,
    string ReviewerRole,
    DateTimeOffset ReviewedAt,
    bool InForce = true,
    string? ReplacedBy = null);
