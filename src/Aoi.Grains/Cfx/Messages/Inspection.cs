namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Structures.Inspection: one ROI's check. <see cref="RefNo"/> is the ROI id, <see cref="TestProcedure"/> its type
/// (barcode, compare, ocr, color); an inspection that could not be carried out has Result Error and the reason in
/// <see cref="Error"/>.
/// </summary>
public sealed record Inspection(
    string UniqueIdentifier,
    string InspectionName,
    DateTimeOffset? InspectionStartTime,
    DateTimeOffset? InspectionEndTime,
    string? TestProcedure,
    string? Comments,
    TestResult Result,
    VerificationResult Verification,
    string? VerificationDetail,
    string? Error,
    IReadOnlyList<Defect> DefectsFound,
    IReadOnlyList<Measurement> Measurements,
    int? RefNo);
