using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>The v3 compare method on drawn parts: named checks, defects named, teach-time exclusions, determinism.</summary>
public sealed class PatchLibraryJudgeTests
{
    private static readonly PatchLibraryJudge Judge = new(new PatchFeatureExtractor(new ResNet18Backbone(ResNet18Model.DefaultFolder)));

    [Fact]
    public void TheGoldenItselfPassesWithEveryCheckPassed()
    {
        using var chip = DrawnParts.Chip();
        var model = BuildModel(Judge, chip.Size(), [new GoldenImage("best_golden.jpg", chip)]);

        var verdict = Judge.Judge(model, chip, 0.9);

        Assert.True(verdict.Similarity >= 0.93, $"similarity {verdict.Similarity}");
        Assert.Null(verdict.Defect);
        Assert.All(verdict.Checks, c => Assert.True(c.Passed, $"{c.Name} {c.Value} / {c.Limit}"));
        Assert.Equal(
            [CompareDefects.PresenceCheck, CompareDefects.PlacementCheck, CompareDefects.OrientationCheck, CompareDefects.AppearanceCheck, CompareDefects.ForeignMatterCheck],
            verdict.Checks.Select(c => c.Name));
    }

    [Fact]
    public void CaptureNuisanceOfTheGoldenPasses()
    {
        using var chip = DrawnParts.Chip(seed: 3);
        var model = BuildModel(Judge, chip.Size(), [new GoldenImage("best_golden.jpg", chip)]);
        using var shifted = DrawnParts.Shifted(chip, 3, -2);
        using var brighter = DrawnParts.Photometric(chip, 1.1, 5);
        using var blurred = ImageNuisance.Blur(chip, 0.7);
        foreach (var (name, crop) in new[] { ("shifted", shifted), ("brighter", brighter), ("blurred", blurred) })
        {
            var verdict = Judge.Judge(model, crop, 0.9);
            Assert.True(verdict.Similarity >= 0.9, $"{name}: {verdict.Similarity} {Describe(verdict)}");
        }
    }

    [Fact]
    public void DefectsFailAndAreNamed()
    {
        using var chip = DrawnParts.Chip(seed: 5);
        var model = BuildModel(Judge, chip.Size(), [new GoldenImage("best_golden.jpg", chip)]);

        using var bare = DrawnParts.Board(chip.Width, chip.Height, 5);
        using var displaced = DrawnParts.Shifted(chip, chip.Width / 3, 0);
        using var turned = new Mat();
        Cv2.Rotate(chip, turned, RotateFlags.Rotate180);
        using var speck = chip.Clone();
        Cv2.Circle(speck, new Point(chip.Width / 2, chip.Height / 2), chip.Height / 8, new Scalar(20, 160, 230), -1);

        var missing = Judge.Judge(model, bare, 0.9);
        Assert.True(missing.Similarity < 0.9, Describe(missing));
        Assert.Contains(missing.Defect, new[] { CompareDefects.Missing, CompareDefects.WrongPart, CompareDefects.Different });

        var moved = Judge.Judge(model, displaced, 0.9);
        Assert.True(moved.Similarity < 0.9, Describe(moved));
        Assert.NotNull(moved.Defect);

        var rotated = Judge.Judge(model, turned, 0.9);
        Assert.True(rotated.Similarity < 0.9, Describe(rotated));
        Assert.NotNull(rotated.Defect);

        var foreign = Judge.Judge(model, speck, 0.9);
        Assert.True(foreign.Similarity < 0.9, Describe(foreign));
        Assert.NotNull(foreign.Defect);
        Assert.False(foreign.Checks.Single(c => c.Name == CompareDefects.ForeignMatterCheck).Passed);
    }

    [Fact]
    public void ALowerConfiguredThresholdToleratesMoreAndAHigherOneLess()
    {
        using var chip = DrawnParts.Chip(seed: 7);
        var model = BuildModel(Judge, chip.Size(), [new GoldenImage("best_golden.jpg", chip)]);
        using var speck = chip.Clone();
        Cv2.Circle(speck, new Point(chip.Width / 3, chip.Height / 2), chip.Height / 10, new Scalar(200, 200, 200), -1);

        var lenient = Judge.Judge(model, speck, 0.3);
        var strict = Judge.Judge(model, speck, 0.99);

        // One similarity whatever the threshold; only the verdict moves (spec 3.3 pass rule).
        Assert.Equal(lenient.Similarity, strict.Similarity);
        Assert.True(ComparePassRule.Passes(lenient.Similarity, 0.3) || lenient.Defect is not null);
        Assert.False(ComparePassRule.Passes(strict.Similarity, 0.99));
    }

    [Fact]
    public void ABlurredGoldenIsKeptOutOfTheModelWithTheReason()
    {
        using var chip = DrawnParts.Chip(seed: 9);
        var goldens = new List<GoldenImage> { new("best_golden.jpg", chip) };
        var shifts = new[] { (1, 0), (0, 1), (-1, 0), (0, -1), (1, 1) };
        var images = shifts.Select(s => DrawnParts.Shifted(chip, s.Item1, s.Item2)).ToList();
        try
        {
            goldens.AddRange(images.Select((m, i) => new GoldenImage($"{i}_golden_sample.jpg", m)));
            using var blurred = ImageNuisance.Blur(chip, 4);
            goldens.Add(new GoldenImage("9_golden_sample.jpg", blurred));

            var model = BuildModel(Judge, chip.Size(), goldens);

            var excluded = Assert.Single(model.Excluded);
            Assert.Equal("9_golden_sample.jpg", excluded.Name);
            Assert.StartsWith("blurred", excluded.Reason);
            Assert.DoesNotContain("9_golden_sample.jpg", model.Goldens);
            Assert.Equal("best_golden.jpg", model.Goldens[0]);
        }
        finally
        {
            images.ForEach(m => m.Dispose());
        }
    }

    [Fact]
    public void APartWhereTheLibraryShowsItPassesAndOneMovedWhereNoGoldenHasBeenIsDisplaced()
    {
        // The reference is the odd one out: every other capture shows the part a third further right.
        using var chip = DrawnParts.Chip(seed: 13);
        var third = chip.Width / 3;
        var others = Enumerable.Range(0, 4).Select(k => DrawnParts.Shifted(chip, third + k % 2, k / 2)).ToList();
        try
        {
            var goldens = new List<GoldenImage> { new("best_golden.jpg", chip) };
            goldens.AddRange(others.Select((m, i) => new GoldenImage($"{i}_golden_sample.jpg", m)));
            var model = BuildModel(Judge, chip.Size(), goldens);
            using var whereTheLibraryIs = DrawnParts.Shifted(chip, third, 1);
            using var movedAway = DrawnParts.Shifted(chip, -third, 0);

            var there = Judge.Judge(model, whereTheLibraryIs, 0.9);
            var away = Judge.Judge(model, movedAway, 0.9);

            Assert.True(there.Checks.Single(c => c.Name == CompareDefects.PlacementCheck).Passed, Describe(there));
            Assert.False(away.Checks.Single(c => c.Name == CompareDefects.PlacementCheck).Passed, Describe(away));
            Assert.Equal(CompareDefects.Displaced, away.Defect);
        }
        finally
        {
            others.ForEach(m => m.Dispose());
        }
    }

    [Fact]
    public void TheVerdictIsAFunctionOfTheFilesOnly()
    {
        using var chip = DrawnParts.Chip(seed: 11);
        using var other = DrawnParts.Shifted(chip, 2, 1);
        using var crop = DrawnParts.Photometric(DrawnParts.Shifted(chip, -2, 2), 1.05, 3);
        var first = BuildModel(Judge, chip.Size(), [new GoldenImage("best_golden.jpg", chip), new GoldenImage("a.jpg", other)]);
        // Fresh images with the same pixels: nothing may depend on object identity or on what ran before.
        using var chip2 = chip.Clone();
        using var other2 = other.Clone();
        var second = BuildModel(new PatchLibraryJudge(new PatchFeatureExtractor(new ResNet18Backbone(ResNet18Model.DefaultFolder))),
            chip.Size(), [new GoldenImage("best_golden.jpg", chip2), new GoldenImage("a.jpg", other2)]);

        var a = Judge.Judge(first, crop, 0.9);
        var b = Judge.Judge(second, crop, 0.9);
        Assert.Equal(a.Similarity, b.Similarity);
        Assert.Equal(a.Checks, b.Checks);
    }

    [Fact]
    public void ThePartGrowsSmallCropsAndBoundsLargeOnes()
    {
        Assert.Equal(new Size(96, 80), PatchFeatureExtractor.WorkSize(new Size(44, 34)));
        var large = PatchFeatureExtractor.WorkSize(new Size(922, 555));
        Assert.True(large.Width * large.Height <= PatchFeatureExtractor.MaxPixels * 1.1, $"{large}");
        Assert.Equal(0, large.Width % ResNet18Backbone.SizeMultiple);
        Assert.Equal(0, large.Height % ResNet18Backbone.SizeMultiple);
        var strip = PatchFeatureExtractor.WorkSize(new Size(102, 442));
        Assert.True(strip.Height > 3 * strip.Width, $"aspect kept: {strip}");
    }

    private static LibraryModel BuildModel(PatchLibraryJudge judge, Size size, IReadOnlyList<GoldenImage> goldens) =>
        judge.Build(size, goldens, TestContext.Current.CancellationToken);

    private static string Describe(CompareJudgement j) =>
        $"sim {j.Similarity:F3} defect {j.Defect}: " + string.Join(", ", j.Checks.Select(c => $"{c.Name} {c.Value:F3}/{c.Limit:F3}{(c.Passed ? "" : "!")}"));
}
