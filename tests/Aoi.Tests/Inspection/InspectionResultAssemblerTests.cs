using System.Collections.Concurrent;
using Aoi.Grains.Inspection;
using Aoi.Grains.Linking;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aoi.Tests.Inspection;

/// <summary>Cases 38 and 39: ordering, device summaries, counts, linking of the chosen value only.</summary>
public sealed class InspectionResultAssemblerTests
{
    private static RoiResult Result(int idx, int device, bool passed, string? barcode = null) =>
        new(idx, barcode is null ? RoiDefinition.Compare : RoiDefinition.Barcode, barcode is null ? "compare" : "barcode",
            device, new RoiRect(idx, idx, idx + 10, idx + 10), passed, 1.0, null, null, passed ? null : "x", null, null,
            null, barcode is null ? null : new BarcodeOutcome([barcode], ["CODE_128"], barcode), null, null, null, null);

    private static RoiDefinition Def(int idx, bool flagged = false) =>
        new(idx, 1, new RoiRect(0, 0, 1, 1), 305, 3000, null, null, 0, 1, null, flagged ? true : null, null, null, 10, 5.0,
            null, true, null);

    [Fact]
    public async Task ResultsAreSortedAndEachDeviceIsSummarisedOnce()
    {
        var linker = new TableLinker(new Dictionary<string, string?> { ["RAW-1"] = "LINKED-1" });
        var assembler = new InspectionResultAssembler(linker, NullLogger<InspectionResultAssembler>.Instance);
        RoiResult[] results = [Result(9, 2, false), Result(3, 1, true, "RAW-1"), Result(5, 2, true), Result(1, 1, true)];

        var assembled = await assembler.AssembleAsync(results, [Def(3), Def(1), Def(5), Def(9)],
            new DeviceBarcodeInput(new Dictionary<int, string> { [2] = "MAN-2" }, null), TestContext.Current.CancellationToken);

        Assert.Equal([1, 3, 5, 9], assembled.RoiResults.Select(r => r.RoiId));
        Assert.Equal(new OverallResult(false, 4, 3, 1), assembled.Overall);
        Assert.Equal([1, 2], assembled.Devices.Select(d => d.DeviceId));

        var one = assembled.Devices[0];
        Assert.Equal(new OverallResult(true, 2, 2, 0), one.Counts);
        Assert.Equal(("LINKED-1", "RAW-1", "roi:3"), (one.Barcode, one.BarcodeRaw, one.BarcodeSource));

        var two = assembled.Devices[1];
        Assert.Equal(new OverallResult(false, 2, 1, 1), two.Counts);
        Assert.Equal(("MAN-2", "MAN-2", "manual"), (two.Barcode, two.BarcodeRaw, two.BarcodeSource));

        // Linking touches only chosen values, once per device; ROI values stay raw.
        Assert.Equal(["MAN-2", "RAW-1"], linker.Calls.Order());
        Assert.Equal(["RAW-1"], assembled.RoiResults[1].Barcode!.Values);
    }

    [Fact]
    public async Task NoValueIsReportedAsNotAvailableWithoutCallingTheLinker()
    {
        var linker = new TableLinker([]);
        var assembler = new InspectionResultAssembler(linker, NullLogger<InspectionResultAssembler>.Instance);

        var assembled = await assembler.AssembleAsync([Result(1, 3, true)], [Def(1)], DeviceBarcodeInput.None,
            TestContext.Current.CancellationToken);

        var device = Assert.Single(assembled.Devices);
        Assert.Equal(("N/A", "N/A", "none"), (device.Barcode, device.BarcodeRaw, device.BarcodeSource));
        Assert.Empty(linker.Calls);
    }

    [Fact]
    public async Task ARehearsalReportsTheChosenValueUnlinkedWithoutCallingTheLinker()
    {
        // The start-up rehearsal's made-up board must never reach a linking service (an MES would see a unit that
        // was never built).
        var linker = new TableLinker(new Dictionary<string, string?> { ["RAW-1"] = "LINKED-1" });
        var assembler = new InspectionResultAssembler(linker, NullLogger<InspectionResultAssembler>.Instance);

        var assembled = await assembler.AssembleAsync([Result(1, 1, true, "RAW-1")], [Def(1)], DeviceBarcodeInput.None,
            TestContext.Current.CancellationToken, link: false);

        var device = Assert.Single(assembled.Devices);
        Assert.Equal(("RAW-1", "RAW-1", "roi:1"), (device.Barcode, device.BarcodeRaw, device.BarcodeSource));
        Assert.Empty(linker.Calls);
    }

    [Fact]
    public async Task FailingLinkerLeavesTheChosenValue()
    {
        var assembler = new InspectionResultAssembler(new ThrowingLinker(), NullLogger<InspectionResultAssembler>.Instance);

        var assembled = await assembler.AssembleAsync([Result(1, 1, true, "RAW")], [Def(1)], DeviceBarcodeInput.None,
            TestContext.Current.CancellationToken);

        Assert.Equal(("RAW", "RAW"), (assembled.Devices[0].Barcode, assembled.Devices[0].BarcodeRaw));
    }

    [Fact]
    public async Task NoRoisGiveAnEmptyFailedOverall()
    {
        // Case 39.
        var assembler = new InspectionResultAssembler(new TableLinker([]), NullLogger<InspectionResultAssembler>.Instance);

        var assembled = await assembler.AssembleAsync([], [], DeviceBarcodeInput.None, TestContext.Current.CancellationToken);

        Assert.Empty(assembled.RoiResults);
        Assert.Empty(assembled.Devices);
        Assert.Equal(new OverallResult(false, 0, 0, 0), assembled.Overall);
    }

    private sealed class TableLinker(Dictionary<string, string?> table) : IBarcodeLinker
    {
        public ConcurrentBag<string> Calls { get; } = [];

        public Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken)
        {
            Calls.Add(barcode);
            return Task.FromResult(table.GetValueOrDefault(barcode));
        }
    }

    private sealed class ThrowingLinker : IBarcodeLinker
    {
        public Task<string?> LinkAsync(string barcode, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
