using Aoi.Grains.Demo;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Aoi.Tests.Demo;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace Aoi.Tests.Review;

/// <summary>
/// The judge the regression guard asks, as the compare engine registers it: the demo's real crops against what-if
/// libraries. A contract for any engine plugged in behind <see cref="IProposedLibraryJudge"/>.
/// </summary>
public sealed class ProposedLibraryJudgeTests : IDisposable
{
    private static readonly DemoProductExpectations Demo = DemoProductGenerator.Expectations;
    private readonly TempFolder data = new("library-judge");
    private readonly ServiceProvider provider;
    private readonly RecordingPromoter promoter = new();

    public ProposedLibraryJudgeTests()
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>();
        services.AddLogging();
        services.AddSingleton<IGoldenPromoter>(promoter);
        services.AddCompareEngine();
        provider = services.BuildServiceProvider();
        new DemoProductGenerator().WriteProduct(data.Sub("product"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACropPassesALibraryHoldingItAndAMissingPartFailsTheSeededOneWithNothingChanged()
    {
        var judge = provider.GetRequiredService<IProposedLibraryJudge>();
        var roi = Roi(Demo.MissingPartRoiId);
        var folder = new GoldenFolder(data.Sub($"product/golden_rois/roi_{roi.Idx}"));
        var library = folder.ListCandidates();
        var before = Files(folder.FullPath);
        var painter = new DemoBoardPainter(DemoProductGenerator.BarcodeText);
        var missing = Crop(painter, ReviewBoards.FirstCapture, withoutIc2: true, roi, "missing.jpg");
        var good = Crop(painter, ReviewBoards.SecondCapture, withoutIc2: false, roi, "good.jpg");

        var missingVerdict = await judge.JudgeAsync(Demo.ProductName, roi, missing, library, Ct);
        var goodVerdict = await judge.JudgeAsync(Demo.ProductName, roi, good, library, Ct);
        // An alternative that is the crop itself (stored elsewhere, under the name it would get).
        var grown = LibraryProposal.Of(library).Add("learned_x.jpg", missing).Candidates;
        var grownVerdict = await judge.JudgeAsync(Demo.ProductName, roi, missing, grown, Ct);

        Assert.Equal((false, null), (missingVerdict.Passed, missingVerdict.Error));
        Assert.True(missingVerdict.Similarity < missingVerdict.Threshold);
        Assert.True(goodVerdict.Passed, $"good crop: {goodVerdict}");
        Assert.True(grownVerdict.Passed, $"grown library: {grownVerdict}");
        // The crop is now one of the library's own samples: it scores at least as well as the good capture.
        Assert.True(grownVerdict.Similarity >= goodVerdict.Similarity, $"grown {grownVerdict.Similarity}, good {goodVerdict.Similarity}");
        Assert.Equal(0.9, grownVerdict.Threshold);
        Assert.Equal(before, Files(folder.FullPath));
        Assert.Equal(0, promoter.Calls); // a matching alternative (learned_x.jpg) is never promoted by a judgement
    }

    [Fact]
    public async Task AnEmptyLibraryFailsACropAndAnUnreadableCropCannotBeJudged()
    {
        var judge = provider.GetRequiredService<IProposedLibraryJudge>();
        var roi = Roi(Demo.MissingPartRoiId);
        var library = new GoldenFolder(data.Sub($"product/golden_rois/roi_{roi.Idx}")).ListCandidates();
        var garbage = data.Sub("garbage.jpg");
        File.WriteAllText(garbage, "not a picture");

        var empty = await judge.JudgeAsync(Demo.ProductName, roi, library[0].FullPath, [], Ct);
        var unreadable = await judge.JudgeAsync(Demo.ProductName, roi, garbage, library, Ct);

        Assert.Equal((false, null), (empty.Passed, empty.Error));
        Assert.False(unreadable.Passed);
        Assert.Contains("cannot be read", unreadable.Error);
    }

    public void Dispose()
    {
        provider.Dispose();
        data.Dispose();
    }

    private static RoiDefinition Roi(int idx) =>
        new(idx, RoiDefinition.Compare, Demo.RoiRects[idx], 305, 3000, 0.9, "mobilenet", 0, 1, null, false, null, null, 0, 0, null, true, null);

    private string Crop(DemoBoardPainter painter, DemoVariation variation, bool withoutIc2, RoiDefinition roi, string name)
    {
        using var board = painter.Render(variation, withoutIc2);
        using var crop = new Mat(board, new Rect(roi.Coords.X1, roi.Coords.Y1, roi.Coords.Width, roi.Coords.Height));
        var path = data.Sub(name);
        File.WriteAllBytes(path, DemoProductGenerator.EncodeJpeg(crop));
        return path;
    }

    private static string Files(string folder) =>
        string.Join(";", Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}"));

    private sealed class RecordingPromoter : IGoldenPromoter
    {
        public int Calls { get; private set; }

        public Task<bool> PromoteMatchAsync(string productName, int roiIdx, string candidateName, string candidateStamp, string? bestStamp)
        {
            Calls++;
            return Task.FromResult(false);
        }
    }
}
