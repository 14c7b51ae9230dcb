using Aoi.Grains.Cfx.Messages;

namespace Aoi.Grains.Cfx;

/// <summary>
/// The CFX messages of one answered inspection (single or grouped): WorkStarted, UnitsInspected and WorkCompleted,
/// sharing one transaction id. Units are the devices (UnitIdentifier = device barcode, null when the device has none;
/// UnitPositionNumber = device id), inspections are the ROIs, a failed ROI carries one defect (<see cref="CfxDefectCodes"/>).
/// Every ROI inspection spans the whole inspection window: the ROIs of a fixture run concurrently.
/// </summary>
public static class CfxInspectionMessages
{
    public const string NoBarcode = "N/A";

    public static IReadOnlyList<CfxEnvelope> For(InspectionResponse response, Guid transactionId, string handle, TimeZoneInfo zone)
    {
        var ended = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(response.Timestamp * 1000)), zone);
        var started = ended - TimeSpan.FromSeconds(response.ProcessingTime);
        var recipe = response.ProductName;
        var revision = response.ConfigurationVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var units = response.Devices.OrderBy(d => d.DeviceId)
            .Select(d => Unit(d, response.RoiResults.Where(r => r.DeviceId == d.DeviceId).OrderBy(r => r.RoiId), started, ended))
            .ToList();

        var startedUnits = units.Select(u => UnitPosition.Of(u.UnitIdentifier, u.UnitPositionNumber ?? 0, UnitStatus.Pass)).ToList();
        var completedUnits = units.Select(u => UnitPosition.Of(u.UnitIdentifier, u.UnitPositionNumber ?? 0,
            u.OverallResult == TestResult.Passed ? UnitStatus.Pass : UnitStatus.Fail)).ToList();
        var passed = response.Overall.Passed;
        return
        [
            CfxEnvelope.Publish(new WorkStarted(null, null, transactionId, null, startedUnits.Count, startedUnits, recipe, revision),
                handle, started),
            CfxEnvelope.Publish(new UnitsInspected(transactionId, InspectionMethod.AOI, SamplingInformation.None, null, recipe, revision, units),
                handle, ended),
            CfxEnvelope.Publish(new WorkCompleted(transactionId, passed ? WorkResult.Completed : WorkResult.Failed, null, null,
                completedUnits.Count, completedUnits), handle, ended),
        ];
    }

    /// <summary>The device barcode as a CFX unit identifier: null when the device has none.</summary>
    public static string? UnitIdentifier(string? barcode) =>
        string.IsNullOrWhiteSpace(barcode) || barcode == NoBarcode ? null : barcode;

    private static InspectedUnit Unit(DeviceSummary device, IEnumerable<RoiResult> rois, DateTimeOffset started, DateTimeOffset ended)
    {
        var inspections = rois.Select(r => RoiInspection(r, started, ended)).ToList();
        return new InspectedUnit(UnitIdentifier(device.Barcode), device.DeviceId,
            device.Counts.Passed ? TestResult.Passed : TestResult.Failed, inspections, VerificationResult.NotVerifiedYet,
            inspections.Count);
    }

    private static Messages.Inspection RoiInspection(RoiResult roi, DateTimeOffset started, DateTimeOffset ended)
    {
        var notChecked = !roi.Passed && CfxDefectCodes.IsUnchecked(roi);
        var result = roi.Passed ? TestResult.Passed : notChecked ? TestResult.Error : TestResult.Failed;
        IReadOnlyList<Defect> defects = roi.Passed ? [] : [DefectOf(roi)];
        return new Messages.Inspection(Guid.NewGuid().ToString(), InspectionName(roi.RoiId), started, ended, roi.RoiTypeName,
            roi.Warning, result, VerificationResult.NotVerifiedYet, null, notChecked ? roi.Error : null, defects,
            notChecked ? [] : Measurements(roi, result), roi.RoiId);
    }

    /// <summary>The inspection name of a ROI, e.g. roi_3 (as the legacy output files name it).</summary>
    public static string InspectionName(int roiId) => $"roi_{roiId}";

    private static Defect DefectOf(RoiResult roi)
    {
        var (code, description) = CfxDefectCodes.Of(roi);
        return new Defect(Guid.NewGuid().ToString(), code, roi.RoiTypeName, description, null, Region.Of(roi.Coordinates),
            null, null, VerificationResult.NotVerifiedYet, null);
    }

    private static IReadOnlyList<Measurement> Measurements(RoiResult roi, TestResult result)
    {
        if (roi.Compare is { } compare)
        {
            return [Numeric("similarity", result, compare.AiSimilarity, null, compare.Threshold)];
        }

        return roi.Color is { } color ? [Numeric("match_percentage", result, color.MatchPercentage, "%", color.Threshold)] : [];
    }

    private static NumericMeasurement Numeric(string name, TestResult result, double value, string? units, double minimum) =>
        new(Guid.NewGuid().ToString(), name, null, 0, result, null,
            new NumericValue(value, units, null, null, minimum, units, null, null));
}
