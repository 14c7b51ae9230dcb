using Aoi.Grains.Inspection;
using Aoi.Tests.Inspection.Support;

namespace Aoi.Tests.Performance;

/// <summary>Dispatch order of an inspection's ROI work: expected cost by type, then area; work without a crop last.</summary>
public sealed class RoiWorkOrderTests
{
    private static RoiWorkItem Item(int idx, int type, int width, int height, string? imageError = null) =>
        new("p", "/tmp/p", TestRois.Make(idx, 0, 0, width, height, type), imageError is null ? new CropImage(width, height, new byte[width * height * 3]) : null,
            null, "/tmp/out", "/mnt/x/", null, null, imageError);

    [Fact]
    public void OcrAndCompareGoBeforeColourAndBarcodeAndLargerBeforeSmallerWithinAType()
    {
        var items = new[]
        {
            Item(1, RoiDefinition.Barcode, 600, 400),
            Item(2, RoiDefinition.Color, 300, 300),
            Item(3, RoiDefinition.Compare, 40, 30),
            Item(4, RoiDefinition.Compare, 200, 200),
            Item(5, RoiDefinition.Ocr, 100, 400),
            Item(6, RoiDefinition.Compare, 900, 500, imageError: "not captured"),
        };

        Assert.Equal([5, 4, 3, 2, 1, 6], RoiWorkOrder.LongestFirst(items).Select(i => i.Roi.Idx));
    }
}
