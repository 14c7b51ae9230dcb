using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Evaluation;

namespace Aoi.Tests.Evaluation;

public sealed class LibraryEvaluatorTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GoodMethodHasNoEscapesAndPassesGenuineCaptures()
    {
        var method = new AlignedPixelNccMethod();
        var result = await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "test", cancellationToken: Ct);

        Assert.Equal(3, result.Rois.Length);
        foreach (var roi in result.Rois)
        {
            Assert.Null(roi.Error);
            Assert.Empty(roi.Escapes);
            Assert.All(roi.Defects, d => Assert.Equal(0, d.Escapes));
            Assert.Equal(GenuineRecipe.Standard.Count, roi.Genuine.Count);
            Assert.True(roi.Genuine.PassRate >= 0.95, $"ROI {roi.RoiId} genuine pass {roi.Genuine.PassRate}: {string.Join(", ", roi.FalseCalls.Select(f => $"{f.Variant} {f.Score:F3}"))}");
            Assert.Equal(1.0, roi.Unseen.PassRate);
            Assert.True(roi.Margin > 0, $"ROI {roi.RoiId} margin {roi.Margin}");
            Assert.InRange(roi.SuggestedThreshold!.Value, 0.0, 1.0);
        }

        // The IC carries a label on one side: its half turn is generated and caught, not skipped as symmetric.
        var ic = result.Rois.Single(r => r.RoiId == 1);
        Assert.All(DefectKinds.All, kind => Assert.True(ic.Defects.Single(d => d.Kind == kind).Count > 0, $"no {kind} defect"));
        Assert.Equal(0, result.Totals.Escapes);
        Assert.Equal(result.Rois.Sum(r => r.Defects.Sum(d => d.Count)), result.Totals.DefectCount);
    }

    [Fact]
    public async Task BlindMethodEscapesEveryDefectKind()
    {
        var method = new BlindMethod();
        var result = await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "blind", cancellationToken: Ct);

        var ic = result.Rois.Single(r => r.RoiId == 1);
        foreach (var kind in DefectKinds.All)
        {
            var defect = ic.Defects.Single(d => d.Kind == kind);
            Assert.True(defect.Count > 0, $"no {kind} defect generated");
            Assert.Equal(defect.Count, defect.Escapes);
        }

        Assert.Equal(result.Totals.DefectCount, result.Totals.Escapes);
        Assert.All(result.Rois, r => Assert.Null(r.SuggestedThreshold));
        Assert.All(result.Rois, r => Assert.True(r.Margin <= 0));
    }

    [Fact]
    public async Task DefectKindsBeyondTheSpecAreGeneratedOnlyOnRequestAndCountedAsEscapes()
    {
        var method = new BlindMethod();
        var standard = await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "blind", cancellationToken: Ct);
        var beyond = await new LibraryEvaluator(EvaluationFixture.Settings with { BeyondSpecDefects = true })
            .EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "blind", cancellationToken: Ct);

        var ic = beyond.Rois.Single(r => r.RoiId == 1);
        Assert.Equal(2, ic.Defects.Single(d => d.Kind == DefectKinds.Turned90).Count);
        Assert.Equal(1, ic.Defects.Single(d => d.Kind == DefectKinds.Scratch).Count);
        Assert.All(ic.Defects, d => Assert.Equal(d.Count, d.Escapes));
        Assert.All(standard.Rois, r => Assert.DoesNotContain(r.Defects, d => DefectKinds.BeyondSpec.Contains(d.Kind)));
        Assert.Equal(standard.Totals.DefectCount + 3 * standard.Rois.Length, beyond.Totals.DefectCount);
    }

    [Fact]
    public async Task EvaluationLeavesTheLibraryByteIdentical()
    {
        var before = SyntheticLibrary.Snapshot(fixture.ProductFolder);
        // Blind: every golden "matches", the case in which the server would promote alternatives.
        await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(new BlindMethod()), "blind", cancellationToken: Ct);
        await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(new AlignedPixelNccMethod()), "good", cancellationToken: Ct);
        var after = SyntheticLibrary.Snapshot(fixture.ProductFolder);

        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
    }

    [Fact]
    public async Task ResultsAreDeterministic()
    {
        var method = new AlignedPixelNccMethod();
        var first = await new LibraryEvaluator(EvaluationFixture.Settings).EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "a", cancellationToken: Ct);
        var second = await new LibraryEvaluator(EvaluationFixture.Settings with { MaxDegreeOfParallelism = 1 })
            .EvaluateAsync(fixture.Snapshot, _ => new PairwiseLibraryJudge(method), "a", cancellationToken: Ct);

        Assert.Equal(first.Rois.Select(r => (r.Genuine, r.Unseen, r.Margin)), second.Rois.Select(r => (r.Genuine, r.Unseen, r.Margin)));
        Assert.Equal(first.Rois.SelectMany(r => r.Defects), second.Rois.SelectMany(r => r.Defects));
    }
}
