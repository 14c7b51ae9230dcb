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
    /// <param name="knownSuspects">Suspects found by an earlier run (null: run the health check with this method), so
    /// several methods can be compared on one split without repeating the check.</param>
    /// <param name="otherBests">Best goldens of the product's other compare ROIs, wrong-part candidates.</param>
    public RoiAccuracy Evaluate(
        RoiDefinition roi,
        RoiLibrary library,
        ISimilarityMethod method,
        IReadOnlyList<SuspectGolden>? knownSuspects,
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

        // Features once per capture: the health check, the taught half and the unseen half share them.
        var features = new ImageFeatures?[library.Captures.Count];
        ImageFeatures FeaturesOf(int i) => features[i] ??= method.Extract(library.Captures[i].Image!);
        IReadOnlyList<SuspectGolden> health;
        if (knownSuspects is null)
        {
            for (var i = 0; i < features.Length; i++)
            {
                if (library.Captures[i].Image is not null)
                {
                    FeaturesOf(i);
                }
            }

            health = LibraryHealthCheck.Check(library, roiSize, method, features);
        }
        else
        {
            health = knownSuspects;
        }

        var suspects = health.Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        var split = LibrarySplit.Of(library, suspects);
        if (split.Taught.Count == 0)
        {
            return Failed(roi, threshold, method, "no readable golden sample", [.. health], total);
        }

        var index = library.Captures.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
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

        var taught = new TaughtLibrary(
            method, split.Taught.Select(c => (c.Name, FeaturesOf(index[c.Name]))).ToList(), threshold, split.Taught[0].Image);
        var scene = new BoardScene(roiSize);
        var seed = settings.SeedFor(roi.Idx);
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
        foreach (var capture in settings.UnseenSample(split.Unseen))
        {
            // Unshifted on its board scene the crop at the configured coordinates is the capture itself, pixel for
            // pixel, so its features are the ones already extracted.
            cancellationToken.ThrowIfCancellationRequested();
            var score = taught.Score(FeaturesOf(index[capture.Name]));
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
