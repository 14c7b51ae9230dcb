using Aoi.Grains.Cfx.Messages;

namespace Aoi.Grains.Cfx;

/// <summary>
/// The UnitsInspected of a review: InspectionMethod Human (the operator inspected), the operator as Inspector, and
/// the verdict in Verification: the unit's (DefectConfirmed when any defect was confirmed, else DefectRejected), each
/// reviewed ROI's and its defect's. The unit's OverallResult is the operator's: Failed when a defect was confirmed.
/// </summary>
public static class CfxReviewMessages
{
    public static CfxEnvelope For(CfxReviewVerdict verdict, string handle, TimeZoneInfo zone)
    {
        if (!Guid.TryParse(verdict.InspectionId, out var transactionId))
        {
            throw new ArgumentException($"Inspection id '{verdict.InspectionId}' is not a history inspection id", nameof(verdict));
        }

        var at = TimeZoneInfo.ConvertTime(verdict.ReviewedAt, zone);
        var inspections = verdict.Rois.OrderBy(r => r.RoiId).Select(r => ReviewedInspection(r, at)).ToList();
        var confirmed = verdict.Rois.Any(r => r.DefectConfirmed);
        var unit = new InspectedUnit(CfxInspectionMessages.UnitIdentifier(verdict.Barcode), verdict.DeviceId,
            confirmed ? TestResult.Failed : TestResult.Passed, inspections,
            confirmed ? VerificationResult.DefectConfirmed : VerificationResult.DefectRejected, inspections.Count);
        var inspector = new Operator(verdict.OperatorId, ActorType.Human, null, null, null);
        var body = new UnitsInspected(transactionId, InspectionMethod.Human, SamplingInformation.None, inspector, verdict.ProductName,
            verdict.ConfigurationVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture), [unit]);
        return CfxEnvelope.Publish(body, handle, at);
    }

    private static Messages.Inspection ReviewedInspection(CfxReviewedRoi roi, DateTimeOffset at)
    {
        var verification = roi.DefectConfirmed ? VerificationResult.DefectConfirmed : VerificationResult.DefectRejected;
        var defect = new Defect(Guid.NewGuid().ToString(), roi.DefectCode, roi.RoiType,
            roi.DefectConfirmed ? "defect confirmed by the operator" : "false call: the operator found the part good", null,
            roi.Region is { } region ? Region.Of(region) : null, null, null, verification, roi.Comment);
        return new Messages.Inspection(Guid.NewGuid().ToString(), CfxInspectionMessages.InspectionName(roi.RoiId), at, at, roi.RoiType, null,
            roi.DefectConfirmed ? TestResult.Failed : TestResult.Passed, verification, roi.Comment, null, [defect], [], roi.RoiId);
    }
}
