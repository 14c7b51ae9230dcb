using System.Diagnostics;
using Aoi.Grains.Engines.Compare;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// The spec 3.6 protocol for one compare ROI with one similarity method: library health, taught/unseen split,
/// genuine nuisance variants of the best golden and unseen clean captures (must pass), synthetic defects (must fail),
/// all placed on the ROI's board scene and cut at the configured coordinates, scored against the taught goldens.
/// </summary>
public sealed class RoiAccuracyEvaluator(EvaluationSettings settings)
{
    /// <param name="library">The ROI's captures, loaded at the ROI size.</param>
    /// <param name="healthMethod">Method whose score joins the health check (null: the evaluated one), so several methods can share one split.</param>
    /// <param name="otherBests">Best goldens of the product's other compare ROIs, wrong-part candidates.</param>
    public RoiAccuracy Evaluate(
        RoiDefinition roi,
        RoiLibrary library,
        ISimilarityMethod method,
        ISimilarityMethod? healthMethod,
        IReadOnlyList<(string Name, Mat Image)> otherBests,
        CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var threshold = roi.AiThreshold ?? settings.DefaultThreshold;
        var roiSize = new Size(roi.Coords.Width, roi.Coords.Height);
        if (library.Captures.Count == 0)
        {
            return Failed(roi, threshold, method, "no golden sample", [], total);
        }

        // Features of every capture once: the health check and the taught half share them when the method is the same.
        var features = library.Captures.Select(c => c.Image is null ? null : method.Extract(c.Image)).ToList();
        var health = healthMethod is null || ReferenceEquals(healthMethod, method)
            ? LibraryHealthCheck.Check(library, roiSize, method, features)
            : Health(library, roiSize, healthMethod);
        var suspects = health.Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        var split = LibrarySplit.Of(library, suspects);
        if (split.Taught.Count == 0)
        {
            return Failed(roi, threshold, method, "no readable golden sample", [.. health], total);
        }

        var notes = new List<string>();
        var reference = library.Best?.Image;
        if (reference is null)
        {
            reference = split.Taught[0].Image!;
            notes.Add($"no readable {Golden.GoldenFolder.BestName}: nuisance and defects built from {split.Taught[0].Name}");
        }
        else if (suspects.Contains(Golden.GoldenFolder.BestName))
        {
            notes.Add($"{Golden.GoldenFolder.BestName} is suspect but stays taught: the server always compares with it first");
        }

        var featuresByName = library.Captures.Select((c, i) => (c.Name, Features: features[i]))
            .ToDictionary(x => x.Name, x => x.Features, StringComparer.Ordinal);
        var taught = new TaughtLibrary(method, split.Taught.Select(c => (c.Name, featuresByName[c.Name]!)).ToList(), threshold);
        var scene = new BoardScene(roiSize);
        var seed = HashCode.Combine(settings.Seed, roi.Idx);
        var scoring = new Stopwatch();
        var scored = 0;

        LibraryScore Score(Mat crop)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scoring.Start();
            var score = taught.Score(crop);
            scoring.Stop();
            scored++;
            return score;
        }

        var falseCalls = new List<VariantVerdict>();
        var genuine = new List<double>();
        for (var k = 0; k < settings.GenuineRecipes.Count; k++)
        {
            var recipe = settings.GenuineRecipes[k];
            using var crop = GenuineVariants.Render(scene, reference, recipe, seed + k);
            var score = Score(crop);
            genuine.Add(score.Best);
            if (!score.Passed)
            {
                falseCalls.Add(new VariantVerdict(recipe.Name, score.Best, score.DecidingGolden));
            }
        }

        var unseen = new List<double>();
        foreach (var capture in Bounded(split.Unseen, settings.MaxUnseenPerRoi))
        {
            using var canvas = scene.Place(capture.Image!);
            using var crop = scene.Crop(canvas);
            var score = Score(crop);
            unseen.Add(score.Best);
            if (!score.Passed)
            {
                falseCalls.Add(new VariantVerdict($"unseen {capture.Name}", score.Best, score.DecidingGolden));
            }
        }

        var wrongParts = WrongPartPicker.Pick(reference, otherBests, settings.WrongPartMaxNcc, settings.MaxWrongParts);
        var escapes = new List<VariantVerdict>();
        var defectScores = DefectKinds.All.ToDictionary(k => k, _ => new List<double>(), StringComparer.Ordinal);
        var (defects, defectNotes) = DefectGenerator.Build(scene, reference, wrongParts, seed + 1000);
        try
        {
            foreach (var defect in defects)
            {
                var score = Score(defect.Crop);
                defectScores[defect.Kind].Add(score.Best);
                if (score.Passed)
                {
                    escapes.Add(new VariantVerdict(defect.Name, score.Best, score.DecidingGolden));
                }
            }
        }
        finally
        {
            foreach (var defect in defects)
            {
                defect.Crop.Dispose();
            }

            foreach (var wrong in wrongParts)
            {
                wrong.Image.Dispose();
            }
        }

        var mustPass = genuine.Concat(unseen).ToList();
        var allDefects = defectScores.Values.SelectMany(v => v).ToList();
        var (margin, suggested, marginNote) = ThresholdSuggestion.From(
            mustPass.Count > 0 ? mustPass.Min() : null, allDefects.Count > 0 ? allDefects.Max() : null);
        if (marginNote is not null)
        {
            notes.Add(marginNote);
        }

        var defectSummaries = DefectKinds.All.Select(kind =>
        {
            var scores = defectScores[kind];
            return new DefectSummary(kind, scores.Count > 0 ? scores.Max() : null,
                scores.Count(s => ComparePassRule.Passes(s, threshold)), scores.Count, defectNotes.GetValueOrDefault(kind));
        }).ToArray();

        return new RoiAccuracy(
            roi.Idx, threshold, method.Name,
            Summary(genuine, threshold), Summary(unseen, threshold),
            defectSummaries, [.. escapes], [.. falseCalls],
            margin, suggested, notes.Count > 0 ? string.Join("; ", notes) : null,
            [.. health], taught.Count,
            scored > 0 ? scoring.Elapsed.TotalMilliseconds / scored : 0,
            total.Elapsed.TotalMilliseconds, null);
    }

    private static IReadOnlyList<SuspectGolden> Health(RoiLibrary library, Size roiSize, ISimilarityMethod method)
    {
        var features = library.Captures.Select(c => c.Image is null ? null : method.Extract(c.Image)).ToList();
        return LibraryHealthCheck.Check(library, roiSize, method, features);
    }

    /// <summary>All items, or <paramref name="max"/> of them evenly spread in order.</summary>
    private static IEnumerable<T> Bounded<T>(IReadOnlyList<T> items, int max) =>
        max <= 0 || items.Count <= max
            ? items
            : Enumerable.Range(0, max).Select(k => items[(int)((long)k * items.Count / max)]);

    private static ScoreSummary Summary(IReadOnlyList<double> scores, double threshold) =>
        scores.Count == 0
            ? new ScoreSummary(null, null, null, 0)
            : new ScoreSummary(scores.Min(), scores.Average(),
                scores.Count(s => ComparePassRule.Passes(s, threshold)) / (double)scores.Count, scores.Count);

    private static RoiAccuracy Failed(RoiDefinition roi, double threshold, ISimilarityMethod method, string error,
        SuspectGolden[] suspects, Stopwatch total) =>
        new(roi.Idx, threshold, method.Name, new ScoreSummary(null, null, null, 0), new ScoreSummary(null, null, null, 0),
            [], [], [], null, null, null, suspects, 0, 0, total.Elapsed.TotalMilliseconds, error);
}
