using Aoi.Grains.Engines.Compare;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// The taught goldens of a ROI as in-memory features in library order. Scoring never goes through the server's
/// promoting path, so evaluating leaves the library files exactly as they were.
/// </summary>
/// <param name="referenceImage">The first taught golden's image (a sparse library calibrates on it, as the server does).</param>
public sealed class TaughtLibrary(
    ISimilarityMethod method, IReadOnlyList<(string Name, ImageFeatures Features)> goldens, double threshold, Mat? referenceImage = null)
{
    private readonly ScoreAnchors anchors = goldens.Count > 0 && referenceImage is not null
        ? method.AnchorsFor(goldens.Count, goldens[0].Features, referenceImage.Clone)
        : ScoreAnchors.Default;

    /// <summary>The deciding "golden" of a pass by the library as a whole rather than one golden.</summary>
    public const string LibraryMatch = "(taught library as a whole)";

    /// <summary>The deciding "golden" of a fail because the part is displaced from the reference golden's position.</summary>
    public const string Displaced = "(displaced from the reference golden)";

    public int Count => goldens.Count;

    /// <summary>
    /// Scores every taught golden (the best score is needed for margins and the suggested threshold); the verdict is
    /// the server's: some golden in order reaches the threshold.
    /// </summary>
    public LibraryScore Score(Mat crop) => Score(method.Extract(crop));

    /// <summary>Scores features already extracted with this library's method.</summary>
    public LibraryScore Score(ImageFeatures features)
    {
        var best = double.NegativeInfinity;
        string? bestGolden = null;
        string? firstMatch = null;
        var pairScores = new List<double>(goldens.Count);
        foreach (var (name, golden) in goldens)
        {
            var score = method.Score(features, golden, anchors);
            pairScores.Add(score);
            if (score > best)
            {
                (best, bestGolden) = (score, name);
            }

            if (firstMatch is null && ComparePassRule.Passes(score, threshold))
            {
                firstMatch = name;
            }
        }

        // As the server (CompareEvaluator): a part displaced from the reference golden's position fails whatever it
        // resembles; otherwise, when no single golden matched, a library-capable method judges the taught set as a
        // whole; a pass then has no single matching golden, reported as LibraryMatch.
        if (method is ILibrarySimilarity placement && PlacementRule.IsDisplaced(placement, features, goldens.Count, i => goldens[i].Features))
        {
            return new LibraryScore(Math.Min(best, PlacementCheck.DisplacedSimilarity), bestGolden ?? Displaced, null);
        }

        if (firstMatch is null && method is ILibrarySimilarity library && goldens.Count > 1)
        {
            best = Math.Max(best, library.ScoreLibrary(features, goldens.Select(g => g.Features).ToList(), pairScores));
            if (ComparePassRule.Passes(best, threshold))
            {
                firstMatch = LibraryMatch;
            }
        }

        return new LibraryScore(best, bestGolden ?? throw new InvalidOperationException("no taught golden"), firstMatch);
    }
}
