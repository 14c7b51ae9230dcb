using Aoi.Grains.Inspection;

namespace Aoi.Tests.Inspection;

/// <summary>Case 40: device barcode priority P0–P4 (spec 6.6).</summary>
public sealed class DeviceBarcodeResolverTests
{
    private static readonly HashSet<int> NoFlags = [];

    private static RoiResult Barcode(int idx, string? candidate, int device = 1) =>
        new(idx, RoiDefinition.Barcode, "barcode", device, new RoiRect(0, 0, 10, 10), candidate is not null, 1.0, null, null,
            null, null, null, null, new BarcodeOutcome(candidate is null ? [] : [candidate], candidate is null ? [] : ["CODE_128"], candidate),
            null, null, null, null);

    private static RoiResult Compare(int idx) =>
        new(idx, RoiDefinition.Compare, "compare", 1, new RoiRect(0, 0, 10, 10), true, 1.0, null, null, null, null, null,
            null, null, new CompareOutcome("Match", 0.99, 0.9), null, null, null);

    private static DeviceBarcodeInput Manual(int device, string value, string? legacy = null) =>
        new(new Dictionary<int, string> { [device] = value }, legacy);

    [Fact]
    public void FlaggedBarcodeRoiWinsOverLowerUnflaggedOne()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Barcode(14, "Y"), Barcode(17, "X")], new HashSet<int> { 17 },
            Manual(1, "M", "L"));

        Assert.Equal(new DeviceBarcodeChoice("X", "roi:17"), choice);
    }

    [Fact]
    public void WithoutFlagTheLowestIdxWins()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Barcode(17, "X"), Barcode(14, "Y")], NoFlags, DeviceBarcodeInput.None);

        Assert.Equal(new DeviceBarcodeChoice("Y", "roi:14"), choice);
    }

    [Fact]
    public void FlaggedRoiWithoutValueFallsBackToAnyBarcodeRoi()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Barcode(3, null), Barcode(9, "Z")], new HashSet<int> { 3 },
            DeviceBarcodeInput.None);

        Assert.Equal(new DeviceBarcodeChoice("Z", "roi:9"), choice);
    }

    [Fact]
    public void FlaggedNonBarcodeRoiNeverSuppliesABarcode()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Compare(2)], new HashSet<int> { 2 }, Manual(1, " M "));

        Assert.Equal(new DeviceBarcodeChoice("M", "manual"), choice);
    }

    [Fact]
    public void ManualEntryIsTrimmedAndBeatsLegacy()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Compare(2)], NoFlags, Manual(1, " M ", "L"));

        Assert.Equal(new DeviceBarcodeChoice("M", "manual"), choice);
    }

    [Fact]
    public void LegacyAppliesWhenThisDeviceHasNoManualEntry()
    {
        var choice = DeviceBarcodeResolver.Choose(2, [Compare(2)], NoFlags, Manual(1, "M", " L "));

        Assert.Equal(new DeviceBarcodeChoice("L", "legacy"), choice);
    }

    [Fact]
    public void BlankValuesAreIgnoredAndNothingGivesNone()
    {
        var choice = DeviceBarcodeResolver.Choose(1, [Barcode(1, "  ")], NoFlags, Manual(1, "  ", " "));

        Assert.Equal(DeviceBarcodeChoice.None, choice);
        Assert.Null(choice.Value);
        Assert.Equal("none", choice.Source);
    }
}
