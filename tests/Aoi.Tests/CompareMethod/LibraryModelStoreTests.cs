using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Evaluation;
using Aoi.Grains.Options;
using Aoi.Tests.Compare;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>ROI models kept on disk: read back they judge exactly as built, and a stale, altered or foreign file is never read.</summary>
public sealed class LibraryModelStoreTests : IDisposable
{
    private static readonly PatchFeatureExtractor Extractor = new(new ResNet18Backbone(ResNet18Model.DefaultFolder));
    private static readonly PatchLibraryJudge Judge = new(Extractor);

    private readonly string _root = Directory.CreateTempSubdirectory("aoi-model-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AModelReadBackJudgesEveryCropExactlyAsTheOneBuilt()
    {
        using var chip = DrawnParts.Chip(seed: 11);
        var goldens = Library(chip);
        var built = Judge.Build(chip.Size(), goldens, TestContext.Current.CancellationToken);
        Assert.NotNull(((PatchLibraryModel)built).TurnedReference);
        Assert.NotEmpty(built.Excluded);
        var store = Store("build-1");
        var key = Key("a", "best_golden.jpg:1:1");

        store.Save(key, Judge, built);
        var read = store.TryLoad(key, Judge);

        Assert.NotNull(read);
        Assert.Equal(built.Goldens, read.Goldens);
        Assert.Equal(built.Excluded, read.Excluded);
        Assert.Equal(built.RoiSize, read.RoiSize);
        Assert.Equal(built.Bytes, read.Bytes);
        using var bare = DrawnParts.Board(chip.Width, chip.Height, 5);
        using var displaced = DrawnParts.Shifted(chip, chip.Width / 3, 0);
        using var turned = new Mat();
        Cv2.Rotate(chip, turned, RotateFlags.Rotate180);
        using var speck = chip.Clone();
        Cv2.Circle(speck, new Point(chip.Width / 2, chip.Height / 2), chip.Height / 8, new Scalar(20, 160, 230), -1);
        using var brighter = DrawnParts.Photometric(chip, 1.08, 4);
        var failing = AssertSameVerdicts(built, read, [chip, bare, displaced, turned, speck, brighter]);

        Assert.True(failing >= 3, "the crops include failing ones, so the checks' values are compared where they matter");
        goldens.ForEach(g => g.Image.Dispose());
    }

    [Fact]
    public void TheCompactModelTheJudgeHandsOutJudgesLikeTheFullOne()
    {
        using var chip = DrawnParts.Chip(seed: 13);
        var goldens = Library(chip);
        var compact = (PatchLibraryModel)Judge.Build(chip.Size(), goldens, TestContext.Current.CancellationToken);
        // The same model with every raw cell vector: the members' and the turned reference's features extracted again
        // (the extractor is deterministic), the memory's centre and normalised cells derived from them.
        using var turnedImage = new Mat();
        Cv2.Rotate(chip, turnedImage, RotateFlags.Rotate180);
        var members = compact.Goldens.Select(name => goldens.Single(g => g.Name == name).Image).ToList();
        var full = new PatchLibraryModel(compact.RoiSize, compact.Goldens, compact.Excluded,
            new PatchMemory(members.Select(m => Extractor.Extract(m, chip.Size())).ToList()), compact.Tolerance,
            compact.TurnedReference is null ? null : Extractor.Extract(turnedImage, chip.Size()), compact.ReferenceTexture, compact.Positions);

        Assert.True(compact.Bytes < 0.6 * full.Bytes, $"compact {compact.Bytes} B, full {full.Bytes} B");
        using var speck = chip.Clone();
        Cv2.Circle(speck, new Point(chip.Width / 3, chip.Height / 2), chip.Height / 8, new Scalar(20, 160, 230), -1);
        using var turned = new Mat();
        Cv2.Rotate(chip, turned, RotateFlags.Rotate180);
        using var shifted = DrawnParts.Shifted(chip, 4, -3);
        Assert.True(AssertSameVerdicts(full, compact, [chip, speck, turned, shifted]) >= 1, "a failing crop is among them");

        goldens.ForEach(g => g.Image.Dispose());
    }

    [Fact]
    public void AnotherListingSizeOrBuildFindsNoStoredModel()
    {
        var model = SmallModel();
        var store = Store("build-1");
        var key = Key("a", "best_golden.jpg:1:1");
        store.Save(key, Judge, model);

        Assert.NotNull(store.TryLoad(key, Judge));
        Assert.Null(store.TryLoad(key with { Listing = "best_golden.jpg:1:2" }, Judge));
        Assert.Null(store.TryLoad(key with { Width = key.Width + 8 }, Judge));
        Assert.Null(Store("build-2").TryLoad(key, Judge));
        Assert.Null(store.TryLoad(key, new PairwiseLibraryJudge(new OpponentSiftSimilarity())));
    }

    [Fact]
    public void AnAlteredOrTruncatedFileIsDeletedAndNotRead()
    {
        var model = SmallModel();
        var store = Store("build-1");
        var key = Key("a", "best_golden.jpg:1:1");
        store.Save(key, Judge, model);
        var path = store.PathOf(key);
        var bytes = File.ReadAllBytes(path);

        bytes[^10] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Null(store.TryLoad(key, Judge));
        Assert.False(File.Exists(path));

        store.Save(key, Judge, model);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Null(store.TryLoad(key, Judge));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void WritingAFoldersModelRemovesItsOlderOnesAndOnlyThose()
    {
        var model = SmallModel();
        var store = Store("build-1");
        var older = Key("a", "best_golden.jpg:1:1");
        var newer = Key("a", "best_golden.jpg:1:1|1770000000000_golden_sample.jpg:1:1");
        var otherFolder = Key("b", "best_golden.jpg:1:1");
        store.Save(older, Judge, model);
        store.Save(otherFolder, Judge, model);

        store.Save(newer, Judge, model);

        Assert.False(File.Exists(store.PathOf(older)));
        Assert.True(File.Exists(store.PathOf(newer)));
        Assert.True(File.Exists(store.PathOf(otherFolder)));
        store.DeleteFolder(newer.Folder);
        Assert.False(File.Exists(store.PathOf(newer)));
        Assert.True(File.Exists(store.PathOf(otherFolder)));
    }

    [Fact]
    public void ARestartedSiloReadsTheTaughtModelInsteadOfBuildingItAndAChangeBuildsAgain()
    {
        using var rig = new CompareTestRig();
        using var chip = DrawnParts.Chip(60, 40, seed: 3);
        var folder = Directory.CreateDirectory(rig.GoldenFolder(1)).FullName;
        Cv2.ImWrite(Path.Combine(folder, "best_golden.jpg"), chip);
        var roi = CompareTestRig.Roi(1, new RoiRect(0, 0, 60, 40));
        var judge = new CountingJudge(Judge);
        var store = Store("build-1");

        var taught = Models(judge, store).For(rig.ProductFolder, roi, TestContext.Current.CancellationToken);
        var restarted = Models(judge, store).For(rig.ProductFolder, roi, TestContext.Current.CancellationToken);

        Assert.Equal(1, judge.Builds);
        Assert.NotNull(taught.Model);
        Assert.NotNull(restarted.Model);
        Assert.NotSame(taught.Model, restarted.Model);
        Assert.Equal(Judge.Judge(taught.Model, chip, 0.9).Similarity, Judge.Judge(restarted.Model, chip, 0.9).Similarity);

        // A golden added outside the server changes the listing: the next silo builds (and stores) the new library.
        Cv2.ImWrite(Path.Combine(folder, "1770000000000_golden_sample.jpg"), chip);
        var changed = Models(judge, store).For(rig.ProductFolder, roi, TestContext.Current.CancellationToken);
        Assert.Equal(2, judge.Builds);
        Assert.Equal(2, changed.Model!.Goldens.Count);
        Models(judge, store).For(rig.ProductFolder, roi, TestContext.Current.CancellationToken);
        Assert.Equal(2, judge.Builds);

        // A change taught through the server drops the stored model with the cached one.
        Models(judge, store).Invalidate(folder);
        Models(judge, store).For(rig.ProductFolder, roi, TestContext.Current.CancellationToken);
        Assert.Equal(3, judge.Builds);
    }

    /// <summary>Asserts that both models give every crop the same verdict, field by field; the number of failing crops.</summary>
    private static int AssertSameVerdicts(LibraryModel expectedModel, LibraryModel actualModel, IEnumerable<Mat> crops)
    {
        var failing = 0;
        foreach (var crop in crops)
        {
            var expected = Judge.Judge(expectedModel, crop, 0.9);
            var actual = Judge.Judge(actualModel, crop, 0.9);
            Assert.Equal(expected.Similarity, actual.Similarity);
            Assert.Equal(expected.Defect, actual.Defect);
            Assert.Equal(expected.Checks, actual.Checks);
            Assert.Equal(expected.ClosestGolden, actual.ClosestGolden);
            Assert.Equal(expected.MatchingGolden, actual.MatchingGolden);
            Assert.Equal(expected.Warnings, actual.Warnings);
            failing += expected.Defect is null ? 0 : 1;
        }

        return failing;
    }

    private static CompareModels Models(ILibraryJudge judge, LibraryModelStore store) =>
        new(new CompareMethodSelector(judge, new PairwiseLibraryJudge(new OpponentSiftSimilarity()), Options.Create(new AoiOptions())),
            new LibraryModelCache(), NullLogger<CompareModels>.Instance, store);

    private LibraryModelStore Store(string build) => new(Path.Combine(_root, "store"), build, NullLogger<LibraryModelStore>.Instance);

    private LibraryModelKey Key(string folder, string listing) =>
        new(Path.Combine(_root, "golden", folder), listing, 120, 80, Judge.Name);

    private static LibraryModel SmallModel()
    {
        using var chip = DrawnParts.Chip(seed: 2);
        return Judge.Build(chip.Size(), [new GoldenImage("best_golden.jpg", chip)], TestContext.Current.CancellationToken);
    }

    /// <summary>The reference and five captures of one chip (a little shifted and relit), and one badly blurred capture
    /// that the model leaves out.</summary>
    private static List<GoldenImage> Library(Mat chip)
    {
        var goldens = new List<GoldenImage> { new("best_golden.jpg", chip.Clone()) };
        for (var i = 1; i <= 5; i++)
        {
            using var shifted = DrawnParts.Shifted(chip, i % 3 - 1, i % 2);
            goldens.Add(new GoldenImage($"177000000000{i}_golden_sample.jpg", DrawnParts.Photometric(shifted, 1 + 0.02 * i, -2 * i)));
        }

        goldens.Add(new GoldenImage("1770000000009_golden_sample.jpg", ImageNuisance.Blur(chip, 6)));
        return goldens;
    }

    /// <summary>The v3 judge, counting the models it builds.</summary>
    private sealed class CountingJudge(PatchLibraryJudge inner) : ILibraryJudge, IStoredModelFormat
    {
        public int Builds { get; private set; }

        public string Name => inner.Name;

        public LibraryModel Build(Size roiSize, IReadOnlyList<GoldenImage> goldens, CancellationToken cancellationToken = default)
        {
            Builds++;
            return inner.Build(roiSize, goldens, cancellationToken);
        }

        public CompareJudgement Judge(LibraryModel model, Mat crop, double threshold) => inner.Judge(model, crop, threshold);

        public void Write(LibraryModel model, BinaryWriter writer) => inner.Write(model, writer);

        public LibraryModel Read(BinaryReader reader) => inner.Read(reader);
    }
}
