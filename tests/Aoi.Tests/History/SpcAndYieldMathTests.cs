using Aoi.Grains.History;
using static Aoi.Tests.History.HistoryRecords;

namespace Aoi.Tests.History;

public sealed class SpcAndYieldMathTests
{
    private static List<SpcSample> Series(params double[] values) =>
        values.Select((v, i) => new SpcSample(Start.AddMinutes(i), $"i{i}", v, 0.9, v >= 0.9)).ToList();

    // Reference: ten points alternating 0.95 / 0.97 → mean 0.96, sample σ = sqrt(10 · 0.01² / 9) = 0.0105409.
    private static readonly double[] Reference = [0.95, 0.97, 0.95, 0.97, 0.95, 0.97, 0.95, 0.97, 0.95, 0.97];

    [Fact]
    public void LimitsAreMeanPlusMinusThreeSigmaOfTheReferenceWindow()
    {
        var analysis = SpcCalculator.Analyse(Series(Reference), referencePoints: 10);

        Assert.Equal(10, analysis.ReferencePoints);
        Assert.Equal(0.96, analysis.Mean!.Value, 9);
        Assert.Equal(0.010541, analysis.Sigma!.Value, 6);
        Assert.Equal(0.96 + 3 * 0.0105409, analysis.UpperLimit!.Value, 5);
        Assert.Equal(0.96 - 3 * 0.0105409, analysis.LowerLimit!.Value, 5);
        Assert.Equal(0.9, analysis.Threshold);
        Assert.False(analysis.Drift);
        Assert.All(analysis.Points, p => Assert.False(p.Flagged));
    }

    [Fact]
    public void ARunOfSevenOnOneSideIsDriftBeforeAnyPointFails()
    {
        // Seven points just under the mean: each inside the limits and well above the 0.9 threshold.
        var analysis = SpcCalculator.Analyse(Series([.. Reference, 0.955, 0.954, 0.953, 0.955, 0.952, 0.951, 0.95]), referencePoints: 10);

        Assert.True(analysis.Drift);
        Assert.Null(analysis.FirstFailAt);
        Assert.Equal([false, false, false, false, false, false, true], analysis.Points.Skip(10).Select(p => p.InRun));
        Assert.All(analysis.Points, p => Assert.False(p.OutsideLimits));
        Assert.Equal(Start.AddMinutes(16), analysis.FirstDriftAt);
    }

    [Fact]
    public void APointOutsideTheLimitsIsFlaggedEvenAboveTheThreshold()
    {
        var analysis = SpcCalculator.Analyse(Series([.. Reference, 0.92, 0.96, 0.85]), referencePoints: 10);

        Assert.Equal([true, false, true], analysis.Points.Skip(10).Select(p => p.OutsideLimits));
        Assert.Equal(Start.AddMinutes(10), analysis.FirstDriftAt); // 0.92 passes (≥ 0.9) but is already out of control
        Assert.Equal(Start.AddMinutes(12), analysis.FirstFailAt);
        Assert.True(analysis.FirstDriftAt < analysis.FirstFailAt);
    }

    [Fact]
    public void ASeparateReferenceWindowSetsTheLimits()
    {
        // Limits from the reference (LCL = 0.96 − 3 · 0.0105409 = 0.92838), not from the two charted points.
        var analysis = SpcCalculator.Analyse(Series(0.92, 0.93), Reference);
        Assert.Equal(0.96, analysis.Mean!.Value, 9);
        Assert.Equal(10, analysis.ReferencePoints);
        Assert.Equal([true, false], analysis.Points.Select(p => p.OutsideLimits));
    }

    [Fact]
    public void UnderTwoReferencePointsThereAreNoLimitsAndNoDrift()
    {
        var analysis = SpcCalculator.Analyse(Series(0.5), referencePoints: 30);
        Assert.Null(analysis.UpperLimit);
        Assert.False(analysis.Drift);
        Assert.Equal(Start, analysis.FirstFailAt);
    }

    [Fact]
    public void YieldRatesAndTopFailingRois()
    {
        var counts = new YieldCounts(
            [new DayCount("P1", "2025-03-03", 10, 8), new DayCount("P1", "2025-03-04", 10, 5), new DayCount("P2", "2025-03-03", 4, 4)],
            [new RoiCount("P1", 1, "barcode", 20, 1), new RoiCount("P1", 2, "compare", 20, 6), new RoiCount("P1", 3, "ocr", 20, 3),
             new RoiCount("P2", 1, "color", 4, 0)]);

        var report = YieldCalculator.Compute(counts, topFailing: 2);

        Assert.Equal([new ProductYield("P1", 20, 13, 0.65), new ProductYield("P2", 4, 4, 1)], report.Products);
        Assert.Equal([0.8, 0.5, 1.0], report.Days.Select(d => d.PassRate));
        Assert.Equal([(2, 6L, 0.7, 0.6), (3, 3L, 0.85, 0.3)], report.TopFailing.Select(r => (r.RoiId, r.Failed, r.PassRate, r.FailureShare)));
        Assert.Equal(0.1, report.Rois.Single(r => r.Product == "P1" && r.RoiId == 1).FailureShare);
        Assert.Equal(0, report.Rois.Single(r => r.Product == "P2").FailureShare);
    }
}
