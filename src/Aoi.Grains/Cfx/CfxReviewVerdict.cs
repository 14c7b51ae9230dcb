namespace Aoi.Grains.Cfx;

/// <summary>
/// An operator's verdict on one reviewed unit (device) of an earlier inspection, for <see cref="CfxPublisher.PublishReviewVerdict"/>.
/// </summary>
/// <param name="InspectionId">The inspection's history id (<c>InspectionRecord.Id</c>): it is also the TransactionId of
/// the inspection's CFX messages, so the review joins them.</param>
/// <param name="ProductName">The product (the CFX recipe name).</param>
/// <param name="ConfigurationVersion">The configuration version the inspection used, when known (the recipe revision).</param>
/// <param name="DeviceId">The reviewed device (the unit's position number).</param>
/// <param name="Barcode">The device barcode (the unit identifier); null or "N/A" when none.</param>
/// <param name="OperatorId">Who reviewed (badge, login or station operator name).</param>
/// <param name="ReviewedAt">When the verdict was given.</param>
/// <param name="Rois">The reviewed ROIs of the unit with the operator's verdict on each.</param>
public sealed record CfxReviewVerdict(
    string InspectionId,
    string ProductName,
    long? ConfigurationVersion,
    int DeviceId,
    string? Barcode,
    string OperatorId,
    DateTimeOffset ReviewedAt,
    IReadOnlyList<CfxReviewedRoi> Rois);

/// <summary>
/// The verdict on one ROI the AOI had failed: <paramref name="DefectConfirmed"/> true = a real defect, false = a
/// false call (the part is good).
/// </summary>
/// <param name="DefectCode">The defect code the AOI reported (see <see cref="CfxDefectCodes"/>).</param>
/// <param name="Region">The ROI rectangle, when the caller knows it.</param>
public sealed record CfxReviewedRoi(
    int RoiId,
    string RoiType,
    bool DefectConfirmed,
    string DefectCode,
    string? Comment = null,
    RoiRect? Region = null);
