namespace Aoi.Grains.Inspection;

/// <summary>The value chosen as a device's barcode before linking, and where it came from (spec 6.6).</summary>
public sealed record DeviceBarcodeChoice(string? Value, string Source)
{
    public static DeviceBarcodeChoice None { get; } = new(null, "none");
}

/// <summary>Device barcode priority P0–P4 of spec 6.6, identical for both inspection endpoints.</summary>
public static class DeviceBarcodeResolver
{
    /// <param name="deviceId">The device.</param>
    /// <param name="deviceResults">That device's ROI results.</param>
    /// <param name="flaggedRoiIds">Idx of ROIs configured with is_device_barcode: true.</param>
    /// <param name="input">Operator-supplied barcodes of the request.</param>
    public static DeviceBarcodeChoice Choose(
        int deviceId, IEnumerable<RoiResult> deviceResults, IReadOnlySet<int> flaggedRoiIds, DeviceBarcodeInput input)
    {
        // Only barcode ROIs supply a device barcode, even when another type is flagged.
        var barcodeRois = deviceResults
            .Where(r => r.RoiType == RoiDefinition.Barcode && !string.IsNullOrWhiteSpace(r.Barcode?.Candidate))
            .OrderBy(r => r.RoiId)
            .ToList();

        var fromRoi = barcodeRois.FirstOrDefault(r => flaggedRoiIds.Contains(r.RoiId)) ?? barcodeRois.FirstOrDefault();
        if (fromRoi is not null)
        {
            return new DeviceBarcodeChoice(fromRoi.Barcode!.Candidate!.Trim(), $"roi:{fromRoi.RoiId}");
        }

        if (input.Manual.TryGetValue(deviceId, out var manual) && !string.IsNullOrWhiteSpace(manual))
        {
            return new DeviceBarcodeChoice(manual.Trim(), "manual");
        }

        if (!string.IsNullOrWhiteSpace(input.Legacy))
        {
            return new DeviceBarcodeChoice(input.Legacy.Trim(), "legacy");
        }

        return DeviceBarcodeChoice.None;
    }
}
