using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Tests.Evaluation;

public sealed class LibraryHealthTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private string RoiFolder(int idx) => Path.Combine(fixture.ProductFolder, "golden_rois", $"roi_{idx}");

    private static readonly Size RoiSize = new(SyntheticLibrary.Width, SyntheticLibrary.Height);

    [Fact]
    public void FlagsThePlantedBlurredAndOccludedCapturesOnly()
    {
        using var library = RoiLibrary.Load(RoiFolder(1), RoiSize);
        var suspects = LibraryHealthCheck.Check(library, RoiSize);

        Assert.Equal([SyntheticLibrary.BlurredName, SyntheticLibrary.OccludedName], suspects.Select(s => s.File).Order(StringComparer.Ordinal));
        Assert.Contains(suspects.Single(s => s.File == SyntheticLibrary.BlurredName).Reasons, r => r.StartsWith("blurred:", StringComparison.Ordinal));
        Assert.Contains(suspects.Single(s => s.File == SyntheticLibrary.OccludedName).Reasons, r => r.StartsWith("occluded or inconsistent:", StringComparison.Ordinal));
    }

    [Fact]
    public void CleanLibraryHasNoSuspect()
    {
        using var library = RoiLibrary.Load(RoiFolder(2), RoiSize);
        Assert.Empty(LibraryHealthCheck.Check(library, RoiSize, new AlignedPixelNccMethod(),
            library.Captures.Select(c => c.Image is null ? null : new AlignedPixelNccMethod().Extract(c.Image)).ToList()));
    }

    [Fact]
    public void UnreadableAndOtherSizeFilesAreFlagged()
    {
        using var folder = new Demo.TempFolder("eval-health");
        foreach (var file in Directory.GetFiles(RoiFolder(3)))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder.Path, "1800000000000_golden_sample.jpg"), "not a jpeg");
        using (var wide = new Mat(64, 160, MatType.CV_8UC3, new Scalar(40, 100, 40)))
        {
            wide.SaveImage(Path.Combine(folder.Path, "1800000000001_golden_sample.jpg"));
        }

        using var library = RoiLibrary.Load(folder.Path, RoiSize);
        var suspects = LibraryHealthCheck.Check(library, RoiSize).ToDictionary(s => s.File, s => s.Reasons);

        Assert.StartsWith("unreadable:", Assert.Single(suspects["1800000000000_golden_sample.jpg"]));
        Assert.Contains(suspects["1800000000001_golden_sample.jpg"], r => r.StartsWith("size 160x64 differs from the ROI's 96x64", StringComparison.Ordinal));
    }

    [Fact]
    public void SplitAlwaysTeachesTheBestAndAlternatesTheRest()
    {
        using var library = RoiLibrary.Load(RoiFolder(1), RoiSize);
        var suspects = new HashSet<string>([SyntheticLibrary.BlurredName, SyntheticLibrary.OccludedName]);
        var split = LibrarySplit.Of(library, suspects);

        Assert.Equal("best_golden.jpg", split.Taught[0].Name);
        var clean = library.Captures.Select(c => c.Name).Where(n => !suspects.Contains(n)).ToList();
        Assert.Equal(clean.Where((_, i) => i % 2 == 0), split.Taught.Select(c => c.Name));
        Assert.Equal(clean.Where((_, i) => i % 2 == 1), split.Unseen.Select(c => c.Name));

        // Even a suspect best stays taught: the server always compares with it first.
        var withBest = LibrarySplit.Of(library, new HashSet<string>(suspects) { "best_golden.jpg" });
        Assert.Equal("best_golden.jpg", withBest.Taught[0].Name);
        Assert.DoesNotContain(withBest.Unseen, c => c.Name == "best_golden.jpg");
    }
}
