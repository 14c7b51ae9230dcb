using Aoi.Grains.Engines.Compare;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// The taught goldens of a ROI as in-memory features in library order. Scoring never goes through the server's
/// promoting path, so evaluating leaves the library files exactly as they were.
/// </summary>
public sealed class TaughtLibrary(ISimilarityMethod method, IReadOnlyList<(string Name, ImageFeatures Features)> goldens, double threshold)
{
    public int Count => goldens.Count;

    /// <summary>
    /// Scores every taught golden (the best score is needed for margins and the suggested threshold); the verdict is
    /// the server's: some golden in order reaches the threshold.
    /// </summary>
    public LibraryScore Score(Mat crop)
    {
        var features = method.Extract(crop);
        var best = double.NegativeInfinity;
        string? bestGolden = null;
        string? firstMatch = null;
        foreach (var (name, golden) in goldens)
        {
            var score = method.Score(features, golden);
            if (score > best)
            {
                (best, bestGolden) = (score, name);
            }

            if (firstMatch is null && ComparePassRule.Passes(score, threshold))
            {
                firstMatch = name;
            }
        }

        return new LibraryScore(best, bestGolden ?? throw new InvalidOperationException("no taught golden"), firstMatch);
    }
}
