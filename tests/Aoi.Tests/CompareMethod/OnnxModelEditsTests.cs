using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Models;
using Aoi.Tests.Compare;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class OnnxModelEditsTests
{
    private static readonly ResNet18Backbone Backbone = new(ResNet18Model.DefaultFolder);

    [Fact]
    public void ThePackagedResNet18ExposesItsStageMapsAfterTheEdit()
    {
        var original = File.ReadAllBytes(CompareTestRig.SharedModel.NetPath);
        Assert.Equal(["Pooling395_Output_0"], OnnxModelEdits.OutputNames(original));
        Assert.Equal(
            ["Pooling395_Output_0", .. ResNet18Model.IntermediateOutputs],
            OnnxModelEdits.OutputNames(OnnxModelEdits.WithOutputs(original, ResNet18Model.IntermediateOutputs)));

        using var image = DrawnParts.Chip();
        var maps = CompareTestRig.SharedModel.FeatureMaps(
            image, ResNet18Model.Stage2Output, ResNet18Model.Stage3Output, ResNet18Model.Stage4Output);

        Assert.Equal((128, 28, 28), (maps[0].Channels, maps[0].Height, maps[0].Width));
        Assert.Equal((256, 14, 14), (maps[1].Channels, maps[1].Height, maps[1].Width));
        Assert.Equal((512, 7, 7), (maps[2].Channels, maps[2].Height, maps[2].Width));
        Assert.All(maps, m => Assert.Contains(m.Values, v => v > 0f));
        // Extra outputs do not change the network: the pooled output is the same whether fetched alone or with them.
        var pooled = CompareTestRig.SharedModel.Featurize(image);
        Assert.Equal(pooled, CompareTestRig.SharedModel.FeatureMaps(image, "Pooling395_Output_0", ResNet18Model.Stage3Output)[0].Values);
    }

    [Fact]
    public void TheTruncatedModelKeepsOnlyTheRequestedStagesAndRunsAtAnySizeDivisibleBy16()
    {
        var original = File.ReadAllBytes(Backbone.NetPath);
        var truncated = OnnxModelEdits.TruncatedWithDynamicSize(original, [ResNet18Backbone.Stage2Output, ResNet18Backbone.Stage3Output]);
        Assert.Equal([ResNet18Backbone.Stage2Output, ResNet18Backbone.Stage3Output], OnnxModelEdits.OutputNames(truncated));
        Assert.True(truncated.Length < original.Length / 2, $"the later stages hold most weights: {truncated.Length} of {original.Length} bytes kept");

        foreach (var (w, h) in new[] { (224, 224), (112, 240), (320, 48) })
        {
            using var image = new Mat(h, w, MatType.CV_8UC3);
            Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
            var (stage2, stage3) = Backbone.Run(image);
            Assert.Equal((128, h / 8, w / 8), (stage2.Channels, stage2.Height, stage2.Width));
            Assert.Equal((256, h / 16, w / 16), (stage3.Channels, stage3.Height, stage3.Width));
        }
    }

    [Fact]
    public void AtThePackagedSizeTheTruncatedStagesMatchTheFullModelUpToTheMeanImage()
    {
        // The full model subtracts the 224×224 mean image, the truncated one its per-channel mean (spread 3–6 grey
        // levels), so the maps agree closely but not exactly.
        using var image = DrawnParts.Chip();
        using var sized = new Mat();
        Cv2.Resize(image, sized, new Size(224, 224));
        var full = CompareTestRig.SharedModel.FeatureMaps(sized, ResNet18Backbone.Stage3Output)[0].Values;
        var cut = Backbone.Run(sized).Stage3.Values;
        Assert.True(CosineSimilarity.Compute(full, cut) > 0.99, $"cosine {CosineSimilarity.Compute(full, cut)}");
    }

    [Fact]
    public void SizesTheGraphCannotTakeAndUnknownTensorsAreRefused()
    {
        using var odd = new Mat(40, 40, MatType.CV_8UC3, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => Backbone.Run(odd));
        Assert.Throws<InvalidDataException>(() => OnnxModelEdits.TruncatedWithDynamicSize(File.ReadAllBytes(Backbone.NetPath), ["nothing"]));
        using var image = new Mat(32, 32, MatType.CV_8UC3, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => CompareTestRig.SharedModel.FeatureMaps(image, "Input247"));
    }
}
