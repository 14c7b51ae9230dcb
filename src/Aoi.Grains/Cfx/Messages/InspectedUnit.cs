namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Structures.InspectedUnit: one device of the fixture with its inspections. <see cref="Verification"/> is
/// NotVerifiedYet for the machine's own result and carries the operator's verdict after a review.
/// </summary>
public sealed record InspectedUnit(
    string? UnitIdentifier,
    int? UnitPositionNumber,
    TestResult OverallResult,
    IReadOnlyList<Inspection> Inspections,
    VerificationResult Verification,
    int? TotalInspectionCount);
