using Aoi.Grains.Linking;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Builds the result part shared by both endpoints: results by roi_id, one summary per device with its barcode
/// (6.6) linked once per device, all devices concurrently (6.7), and the overall counts.
/// </summary>
public sealed partial class InspectionResultAssembler(IBarcodeLinker linker, ILogger<InspectionResultAssembler> logger)
{
    public const string NoBarcode = "N/A";

    /// <param name="link">False for the start-up rehearsal: each device's barcode is reported as read, and no linking
    /// service hears of a made-up board.</param>
    public async Task<InspectionResults> AssembleAsync(
        IEnumerable<RoiResult> results, IEnumerable<RoiDefinition> rois, DeviceBarcodeInput barcodes,
        CancellationToken cancellationToken = default, bool link = true)
    {
        var sorted = results.OrderBy(r => r.RoiId).ToArray();
        var flagged = rois.Where(r => r.IsDeviceBarcode == true).Select(r => r.Idx).ToHashSet();
        var devices = await Task.WhenAll(sorted
            .GroupBy(r => r.DeviceId)
            .OrderBy(g => g.Key)
            .Select(g => SummariseAsync(g.Key, g.ToArray(), flagged, barcodes, link, cancellationToken)));
        return new InspectionResults(sorted, devices, OverallResult.Of(sorted));
    }

    private async Task<DeviceSummary> SummariseAsync(
        int deviceId, RoiResult[] deviceResults, IReadOnlySet<int> flagged, DeviceBarcodeInput barcodes, bool link,
        CancellationToken cancellationToken)
    {
        var choice = DeviceBarcodeResolver.Choose(deviceId, deviceResults, flagged, barcodes);
        var linked = choice.Value is null || !link ? null : await LinkAsync(choice.Value, cancellationToken);
        return new DeviceSummary(deviceId, OverallResult.Of(deviceResults),
            Barcode: string.IsNullOrWhiteSpace(linked) ? choice.Value ?? NoBarcode : linked,
            BarcodeRaw: choice.Value ?? NoBarcode,
            BarcodeSource: choice.Source);
    }

    private async Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken)
    {
        try
        {
            return await linker.LinkAsync(barcode, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Spec 6.7: a linking problem never fails an inspection; the chosen value is reported unlinked.
            LogLinkFailure(ex, barcode);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking barcode {Barcode} failed; reporting it unlinked")]
    private partial void LogLinkFailure(Exception exception, string barcode);
}
