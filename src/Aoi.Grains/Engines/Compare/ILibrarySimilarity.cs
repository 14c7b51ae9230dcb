namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// A similarity method that can also judge a crop against a ROI's whole golden library at once, as one model of the
/// part (spec 3.3 extension, docs/compare-method.md): real captures of one part vary more than any single golden
/// shows, so each place of the crop may find its match in a different golden. Used only after no single golden in
/// library order reached the threshold, so first-match promotion keeps its meaning.
/// </summary>
public interface ILibrarySimilarity : ISimilarityMethod
{
    /// <summary>Similarity of the crop to the library as a whole (0..1, same scale as <see cref="ISimilarityMethod.Score"/>).</summary>
    /// <param name="pairScores">The crop's pair score with each golden when the caller has them (same order), so a
    /// method that ranks goldens does not score them again.</param>
    double ScoreLibrary(ImageFeatures crop, IReadOnlyList<ImageFeatures> goldens, IReadOnlyList<double>? pairScores = null);

    /// <summary>Whether the part sits clearly further from where this golden shows it than real captures do
    /// (<see cref="PlacementCheck"/>); <see cref="PlacementRule"/> turns this into a verdict over the library.</summary>
    bool IsDisplacedFrom(ImageFeatures crop, ImageFeatures golden);
}
