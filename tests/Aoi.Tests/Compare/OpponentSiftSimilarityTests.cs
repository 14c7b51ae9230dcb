using Aoi.Grains.Engines.Compare;
using OpenCvSharp;

namespace Aoi.Tests.Compare;

public sealed class OpponentSiftSimilarityTests
{
    private readonly OpponentSiftSimilarity _method = new();

    [Fact]
    public void UniformImageHasNoKeypointsAndScoresZero()
    {
        using var grey = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(128));
        using var textured = ResNet18ModelTests.Pattern(100, 100, seed: 3);

        var greyFeatures = _method.Extract(grey);

        Assert.Equal(0, greyFeatures.Vector.Length);
        Assert.Equal(0.0, _method.Score(greyFeatures, _method.Extract(textured)));
        Assert.Equal(0.0, _method.Score(greyFeatures, greyFeatures));
    }

    [Fact]
    public void IdenticalImagesScoreOneAndDescriptorsCoverThreeChannels()
    {
        using var image = ResNet18ModelTests.Pattern(160, 90, seed: 4);

        var features = _method.Extract(image);

        Assert.Equal(3 * 128, features.Vector.Length);
        Assert.Equal(1.0, _method.Score(features, _method.Extract(image)), 12);
    }

    [Fact]
    public void ColourChangeWithSameIntensityLowersTheScore()
    {
        // Same O3 (R+G+B) everywhere, so keypoints match; only the opponent colour channels differ.
        using var a = new Mat(120, 120, MatType.CV_8UC3, new Scalar(100, 100, 100));
        using var b = new Mat(120, 120, MatType.CV_8UC3, new Scalar(100, 100, 100));
        Cv2.Rectangle(a, new Rect(30, 30, 60, 60), new Scalar(200, 20, 80), -1);
        Cv2.Rectangle(b, new Rect(30, 30, 60, 60), new Scalar(80, 20, 200), -1);

        var score = _method.Score(_method.Extract(a), _method.Extract(b));

        Assert.True(score < 1.0, $"score {score}");
    }
}
