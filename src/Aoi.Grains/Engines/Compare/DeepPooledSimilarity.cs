using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Baseline deep method (spec 3.3): cosine of the globally pooled ResNet-18 features of the whole image. Known to be
/// weak on small or 180°-turned parts (spec 3.6); kept behind <see cref="ISimilarityMethod"/> so a spatial method can
/// replace it.
/// </summary>
public sealed class DeepPooledSimilarity(ResNet18Model model) : ISimilarityMethod
{
    public string Name => "resnet18-pooled-cosine";

    public ImageFeatures Extract(Mat bgr) => new(model.Featurize(bgr));

    public double Score(ImageFeatures crop, ImageFeatures golden) => CosineSimilarity.Compute(crop.Vector, golden.Vector);
}
