using System.Diagnostics;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Engines.Compare.Library;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// The spec 3.6 protocol for one compare ROI with one judge, scored exactly as the server scores (a model built from
/// goldens, the judge's verdict at the ROI's threshold; nothing is promoted or written):
/// <list type="bullet">
/// <item>library health (pixel measures) flags suspects, which are scored apart;</item>
/// <item>taught/unseen split: best_golden.jpg and every other capture are taught; the taught model judges genuine
/// nuisance variants of the best golden (must pass), the held-out half (must pass) and synthetic defects (must fail),
/// all placed on the ROI's board scene and cut at the configured coordinates;</item>
/// <item>leave-one-out: every non-suspect capture (or <see cref="EvaluationSettings.MaxUnseenPerRoi"/> of them) against
/// a model of all the others — the unseen figure.</item>
/// </list>
/// </summary>
public sealed class RoiAccuracyEvaluator(EvaluationSettings settings)
{
    /// <param name="library">The ROI's captures, loaded at the ROI size.</param>
    /// <param name="knownSuspects">Suspects found by an earlier run (null: run the health check now), so several judges
    /// are compared on one split.</param>
    /// <param name="otherBests">Best goldens of the product's other compare ROIs, wrong-part candidates.</param>
    public RoiAccuracy Evaluate(
        RoiDefinition roi,
        RoiLibrary library,
        ILibraryJudge judge,
        IReadOnlyList<SuspectGolden>? knownSuspects,
        IReadOnlyList<(string Name, Mat Image)> otherBests,
        CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var threshold = roi.AiThreshold ?? settings.DefaultThreshold;
        var roiSize = new Size(roi.Coords.Width, roi.Coords.Height);
        if (library.Captures.Count == 0)
        {
            return Failed(roi, threshold, judge, "no golden sample", [], total);
        }

        var health = knownSuspects ?? LibraryHealthCheck.Check(library, roiSize);
        var suspects = health.Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        var split = LibrarySplit.Of(library, suspects);
        if (split.Taught.Count == 0)
        {
            return Failed(roi, threshold, judge, "no readable golden sample", [.. health], total);
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

        var building = new Stopwatch();
        var builds = 0;
        LibraryModel Build(IEnumerable<LibraryCapture> goldens)
        {
            building.Start();
            var model = judge.Build(roiSize, Goldens(goldens), cancellationToken);
            building.Stop();
            builds++;
            return model;
        }

        var taught = Build(split.Taught);
        var scene = new BoardScene(roiSize);
        var seed = settings.SeedFor(roi.Idx);
        var scoring = new Stopwatch();
        var scored = 0;

        CompareJudgement Judge(LibraryModel model, Mat crop)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scoring.Start();
            var judgement = judge.Judge(model, crop, threshold);
            scoring.Stop();
            scored++;
            return judgement;
        }

        bool Passes(CompareJudgement j) => ComparePassRule.Passes(j.Similarity, threshold);
        string GoldenOf(LibraryModel model, CompareJudgement j) => model.Goldens[j.ClosestGolden];

        var falseCalls = new List<VariantVerdict>();
        var genuine = new List<double>();
        for (var k = 0; k < settings.GenuineRecipes.Count; k++)
        {
            var recipe = settings.GenuineRecipes[k];
            using var crop = GenuineVariants.Render(scene, reference, recipe, seed + k);
            var j = Judge(taught, crop);
            genuine.Add(j.Similarity);
            if (!Passes(j))
            {
                falseCalls.Add(new VariantVerdict(recipe.Name, j.Similarity, GoldenOf(taught, j)));
            }
        }

        // Unshifted on its board scene the crop at the configured coordinates is the capture itself, pixel for pixel.
        var heldOut = new List<double>();
        foreach (var capture in split.Unseen)
        {
            var j = Judge(taught, capture.Image!);
            heldOut.Add(j.Similarity);
            if (!Passes(j))
            {
                falseCalls.Add(new VariantVerdict($"held-out {capture.Name}", j.Similarity, GoldenOf(taught, j)));
            }
        }

        var usable = library.Captures.Where(c => c.Image is not null).ToList();
        var unseen = LeaveOneOut(usable.Where(c => !suspects.Contains(c.Name)).ToList(), usable, suspects, "unseen", falseCalls);
        var suspectScores = LeaveOneOut(usable.Where(c => suspects.Contains(c.Name)).ToList(), usable, suspects, null, null);

        List<double> LeaveOneOut(List<LibraryCapture> scoredCaptures, List<LibraryCapture> all, HashSet<string> flagged,
            string? label, List<VariantVerdict>? failures)
        {
            var scores = new List<double>();
            foreach (var capture in settings.UnseenSample(scoredCaptures))
            {
                // The library without this capture (and without suspects, as the taught split): best first, as the server orders it.
                var others = all.Where(c => c != capture && !flagged.Contains(c.Name) || c != capture && c.IsBest).ToList();
                if (others.Count == 0)
                {
                    continue;
                }

                var model = Build(others);
                var j = Judge(model, capture.Image!);
                scores.Add(j.Similarity);
                if (!Passes(j) && failures is not null)
                {
                    failures.Add(new VariantVerdict($"{label} {capture.Name}", j.Similarity, GoldenOf(model, j)));
                }
            }

            return scores;
        }

        var wrongParts = WrongPartPicker.Pick(reference, otherBests, settings.WrongPartMaxNcc, settings.MaxWrongParts);
        var escapes = new List<VariantVerdict>();
        var kinds = DefectKinds.For(settings);
        var defectScores = kinds.ToDictionary(k => k, _ => new List<double>(), StringComparer.Ordinal);
        var (defects, defectNotes) = DefectGenerator.Build(scene, reference, wrongParts, settings.DefectSeedFor(roi.Idx), settings.BeyondSpecDefects);
        try
        {
            foreach (var defect in defects)
            {
                var j = Judge(taught, defect.Crop);
                defectScores[defect.Kind].Add(j.Similarity);
                if (Passes(j))
                {
                    escapes.Add(new VariantVerdict(defect.Name, j.Similarity, GoldenOf(taught, j)));
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

        var mustPass = genuine.Concat(heldOut).Concat(unseen).ToList();
        var allDefects = defectScores.Values.SelectMany(v => v).ToList();
        var (margin, suggested, marginNote) = ThresholdSuggestion.From(
            mustPass.Count > 0 ? mustPass.Min() : null, allDefects.Count > 0 ? allDefects.Max() : null);
        if (marginNote is not null)
        {
            notes.Add(marginNote);
        }

        var defectSummaries = kinds.Select(kind =>
        {
            var scores = defectScores[kind];
            return new DefectSummary(kind, scores.Count > 0 ? scores.Max() : null,
                scores.Count(s => ComparePassRule.Passes(s, threshold)), scores.Count, defectNotes.GetValueOrDefault(kind));
        }).ToArray();

        return new RoiAccuracy(
            roi.Idx, threshold, judge.Name,
            Summary(genuine, threshold), Summary(unseen, threshold),
            defectSummaries, [.. escapes], [.. falseCalls],
            margin, suggested, notes.Count > 0 ? string.Join("; ", notes) : null,
            [.. health], taught.Goldens.Count,
            scored > 0 ? scoring.Elapsed.TotalMilliseconds / scored : 0,
            total.Elapsed.TotalMilliseconds, null,
            Summary(heldOut, threshold), Summary(suspectScores, threshold),
            [.. taught.Excluded.Select(e => new ExcludedGoldenNote(e.Name, e.Reason))],
            builds > 0 ? building.Elapsed.TotalMilliseconds / builds : 0);
    }

    private static List<GoldenImage> Goldens(IEnumerable<LibraryCapture> captures) =>
        captures.Select(c => new GoldenImage(c.Name, c.Image!)).ToList();

    private static ScoreSummary Summary(IReadOnlyList<double> scores, double threshold) =>
        scores.Count == 0
            ? new ScoreSummary(null, null, null, 0)
            : new ScoreSummary(scores.Min(), scores.Average(),
                scores.Count(s => ComparePassRule.Passes(s, threshold)) / (double)scores.Count, scores.Count);

    private static RoiAccuracy Failed(RoiDefinition roi, double threshold, ILibraryJudge judge, string error,
        SuspectGolden[] suspects, Stopwatch total) =>
        new(roi.Idx, threshold, judge.Name, new ScoreSummary(null, null, null, 0), new ScoreSummary(null, null, null, 0),
            [], [], [], null, null, null, suspects, 0, 0, total.Elapsed.TotalMilliseconds, error);
}
