using System.Globalization;
using Aoi.Grains.History;

namespace Aoi.Tests.History;

/// <summary>Hand-made history records with exactly the fields a test filters on.</summary>
public static class HistoryRecords
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public static InspectionRecord Make(
        string id, DateTimeOffset at, string product = "P1", string? station = "st-1", bool passed = true,
        string barcode = "N/A", string? rawBarcode = null, double? similarity = 0.95, string? imageFolder = null,
        DateTimeOffset? imagesExpireAt = null)
    {
        var rois = new List<RoiRecord>
        {
            new(1, "barcode", 1, true, null, null, barcode, null, 3.5, null, null, null),
            new(2, "compare", 1, passed, similarity, 0.9, passed ? "Match" : "Different", null, 12.25, null,
                imageFolder is null ? null : "roi_2.jpg", null),
        };
        var devices = new List<DeviceRecord> { new(1, barcode, rawBarcode ?? barcode, barcode == "N/A" ? "none" : "roi:1", passed) };
        return new InspectionRecord(id, at, at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), product, "session-" + id,
            station, station is null ? "{}" : $$"""{"client_id":"{{station}}"}""", false, passed, 2, passed ? 2 : 1, passed ? 0 : 1,
            40.5, devices, rois, imageFolder, imagesExpireAt);
    }
}
