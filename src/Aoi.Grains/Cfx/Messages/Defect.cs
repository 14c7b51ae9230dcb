namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Structures.Defect: what was wrong with a failed ROI. <see cref="DefectCode"/> is one of the codes in
/// <see cref="Cfx.CfxDefectCodes"/>, <see cref="DefectCategory"/> the ROI type, <see cref="RegionOfInterest"/> the ROI
/// rectangle in pixels of the inspected picture.
/// </summary>
public sealed record Defect(
    string UniqueIdentifier,
    string DefectCode,
    string? DefectCategory,
    string? Description,
    string? Comments,
    Region? RegionOfInterest,
    int? Priority,
    double? ConfidenceLevel,
    VerificationResult Verification,
    string? VerificationDetail);
