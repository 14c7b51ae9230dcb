namespace Aoi.Grains.Inspection;

/// <summary>
/// Dispatch order of ROI work that is dispatched together: expected longest first, so the slowest ROIs start while the
/// others fill the remaining cores and the ROI phase does not end on one long straggler: a capture group's ROIs once
/// its picture has been read. A single picture's ROIs are instead dispatched as their crops are cut
/// (<see cref="InspectionPreparation"/>), which lets the workers start during the decode.
/// </summary>
/// <remarks>
/// The expected cost is by ROI type first (measured per ROI on the real products, docs/benchmarks/performance.md: OCR
/// runs detection + recognition, compare a ResNet-18 forward per golden tried, colour a non-local-means denoise, a
/// barcode hit well under a millisecond), then by crop area within a type. Work without a crop (configuration or
/// picture errors, not captured) costs nothing and goes last.
/// </remarks>
public static class RoiWorkOrder
{
    public static IEnumerable<RoiWorkItem> LongestFirst(IEnumerable<RoiWorkItem> items) =>
        items.OrderBy(TypeRank).ThenByDescending(Area);

    /// <summary>Lower = expected to take longer.</summary>
    private static int TypeRank(RoiWorkItem item) => item.Crop is null || item.ImageError is not null || item.Roi.ConfigError is not null
        ? int.MaxValue
        : item.Roi.Type switch
        {
            RoiDefinition.Ocr => 0,
            RoiDefinition.Compare => 1,
            RoiDefinition.Color => 2,
            RoiDefinition.Barcode => 3,
            _ => 4,
        };

    private static long Area(RoiWorkItem item) => item.Crop is null ? 0L : (long)item.Crop.Width * item.Crop.Height;
}
