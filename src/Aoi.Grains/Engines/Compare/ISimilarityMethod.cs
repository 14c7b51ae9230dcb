using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// One way of scoring how alike a crop and a golden are (spec 3.3). Features are extracted separately from scoring so
/// golden features can be cached; a pair-wise method (alignment, patch matching) keeps what it needs in its features
/// and does the pair work in <see cref="Score"/>.
/// </summary>
public interface ISimilarityMethod
{
    /// <summary>Stable name, part of the golden feature cache key.</summary>
    string Name { get; }

    /// <summary>Features of a BGR 8-bit image that already has the comparison size (the crop's size).</summary>
    ImageFeatures Extract(Mat bgr);

    /// <summary>Similarity, higher = more alike, at most 1.0 (identical images).</summary>
    double Score(ImageFeatures crop, ImageFeatures golden);

    /// <summary>The calibration anchors of a library of <paramref name="goldenCount"/> readable goldens whose reference
    /// (first in library order) has these features; the image is read only when the method needs it. A method with
    /// one fixed calibration keeps the default.</summary>
    ScoreAnchors AnchorsFor(int goldenCount, ImageFeatures reference, Func<Mat?> referenceImage) => ScoreAnchors.Default;

    /// <summary><see cref="Score(ImageFeatures, ImageFeatures)"/> with a ROI's own anchors (from <see cref="AnchorsFor"/>).</summary>
    double Score(ImageFeatures crop, ImageFeatures golden, ScoreAnchors anchors) => Score(crop, golden);
}
