using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Engines.Compare.Patches;
using Aoi.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>Int8 screening (the default compare backbone setting): a clear pass stands on int8, every other judgement is
/// made again on the FP32 backbone the models are built on.</summary>
public sealed class Int8ScreeningTests
{
    private static readonly PatchFeatureExtractor Float32 = new(new ResNet18Backbone(ResNet18Model.DefaultFolder));
    private static readonly PatchFeatureExtractor Int8 = new(new ResNet18Backbone(ResNet18Model.DefaultFolder, BackbonePrecision.Int8));

    [Fact]
    public void OnlyAClearPassStands()
    {
        const double threshold = 0.88;
        Assert.True(ScreeningRule.Decisive(Judgement(0.95), threshold));
        Assert.False(ScreeningRule.Decisive(Judgement(0.92), threshold), "a pass within the similarity margin");
        Assert.False(ScreeningRule.Decisive(Judgement(0.40, defect: CompareDefects.Different), threshold), "a fail, however clear");
        Assert.False(ScreeningRule.Decisive(Judgement(0.95, matching: 1), threshold), "a pass that promotes another golden");
        Assert.False(ScreeningRule.Decisive(Judgement(0.95, area: 26), threshold), "near the appearance limit");
        Assert.False(ScreeningRule.Decisive(Judgement(0.95, orientation: 0.85), threshold), "near the orientation limit");
        Assert.True(ScreeningRule.Decisive(Judgement(0.95, orientation: 3.0), threshold));
    }

    [Fact]
    public void AClearPassIsScoredOnceOnInt8AndADefectIsJudgedByFloat32()
    {
        var screened = new PatchLibraryJudge(Float32, Int8);
        var plain = new PatchLibraryJudge(Float32);
        using var chip = DrawnParts.Chip(seed: 7);
        var model = screened.Build(chip.Size(), [new GoldenImage("best_golden.jpg", chip)], TestContext.Current.CancellationToken);

        var pass = screened.Judge(model, chip, 0.88);
        Assert.Null(pass.Defect);
        Assert.Equal((1L, 0L), screened.ScreeningCounts);

        using var bare = DrawnParts.Board(chip.Width, chip.Height, 7);
        var fail = screened.Judge(model, bare, 0.88);
        var reference = plain.Judge(model, bare, 0.88);
        Assert.Equal((1L, 1L), screened.ScreeningCounts);
        Assert.Equal(reference.Similarity, fail.Similarity);
        Assert.Equal(reference.Defect, fail.Defect);
        Assert.Equal(reference.Checks, fail.Checks);
    }

    [Theory]
    [InlineData(BackbonePrecision.Int8Screening, BackbonePrecision.Float32, true)]
    [InlineData(BackbonePrecision.Float32, BackbonePrecision.Float32, false)]
    [InlineData(BackbonePrecision.Int8, BackbonePrecision.Int8, false)]
    public void TheSettingChoosesTheModelsBackboneAndTheScreening(BackbonePrecision setting, BackbonePrecision models, bool screens)
    {
        var services = new ServiceCollection();
        services.AddOptions<AoiOptions>().Configure(o => o.CompareBackbone = setting);
        services.AddLogging();
        services.AddCompareEngine();
        using var provider = services.BuildServiceProvider();
        Assert.Equal(models, provider.GetRequiredService<ResNet18Backbone>().Precision);
        Assert.Equal(screens ? BackbonePrecision.Int8 : null, provider.GetRequiredService<ScreeningBackbone>().Backbone?.Precision);
    }

    [Fact]
    public void TheDefaultSettingScreensAndABackboneComputesInOnePrecision()
    {
        Assert.Equal(BackbonePrecision.Int8Screening, new AoiOptions().CompareBackbone);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNet18Backbone(ResNet18Model.DefaultFolder, BackbonePrecision.Int8Screening));
    }

    private static CompareJudgement Judgement(double similarity, string? defect = null, int matching = -1, double area = 2, double? orientation = null)
    {
        var checks = new List<CompareCheck>
        {
            new(CompareDefects.PresenceCheck, 1.2, PatchLibraryJudge.PresenceLimit, true),
            new(CompareDefects.PlacementCheck, 1, 25, true),
        };
        if (orientation is { } ratio)
        {
            checks.Add(new CompareCheck(CompareDefects.OrientationCheck, ratio, PatchLibraryJudge.OrientationLimit, true));
        }

        checks.Add(new CompareCheck(CompareDefects.AppearanceCheck, area, PatchLibraryJudge.AppearanceAreaLimit * 100, area <= 30));
        return new CompareJudgement(similarity, defect, checks, 0, matching, []);
    }
}
