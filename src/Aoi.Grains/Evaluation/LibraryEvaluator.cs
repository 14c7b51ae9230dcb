using System.Collections.Concurrent;
using System.Diagnostics;
using Aoi.Grains.Engines.Compare.Library;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Runs the spec 3.6 accuracy protocol over every enabled compare ROI of one product folder, ROIs in parallel up to
/// <see cref="EvaluationSettings.MaxDegreeOfParallelism"/>. The library is only read: nothing is promoted, renamed or
/// written, whatever the scores.
/// </summary>
public sealed class LibraryEvaluator(EvaluationSettings settings)
{
    /// <param name="methodFor">The judge per ROI (e.g. one fixed method, or the server's routing of feature_method).</param>
    /// <param name="methodLabel">How the choice is reported (<see cref="EvaluationMethod"/>).</param>
    /// <param name="knownSuspects">Suspects per ROI from an earlier evaluation of the same library (null: check the
    /// library with the evaluated method); a benchmark passes them so all methods see the same split.</param>
    public async Task<ProductEvaluation> EvaluateAsync(
        ProductSnapshot product,
        Func<RoiDefinition, ILibraryJudge> methodFor,
        string methodLabel,
        Func<RoiDefinition, IReadOnlyList<SuspectGolden>?>? knownSuspects = null,
        CancellationToken cancellationToken = default)
    {
        var elapsed = Stopwatch.StartNew();
        var rois = product.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled).ToList();
        var bests = LoadBests(product.ProductFolder, rois);
        try
        {
            var results = new ConcurrentDictionary<int, RoiAccuracy>();
            var evaluator = new RoiAccuracyEvaluator(settings);
            await Parallel.ForEachAsync(
                rois,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxDegreeOfParallelism), CancellationToken = cancellationToken },
                (roi, ct) =>
                {
                    results[roi.Idx] = EvaluateRoi(evaluator, product, roi, methodFor(roi), knownSuspects?.Invoke(roi), bests, ct);
                    return ValueTask.CompletedTask;
                });

            var ordered = rois.Select(r => results[r.Idx]).ToArray();
            return new ProductEvaluation(product.ProductName, methodLabel, ordered, Totals(ordered, elapsed.Elapsed.TotalMilliseconds));
        }
        finally
        {
            foreach (var (_, image) in bests.Values)
            {
                image.Dispose();
            }
        }
    }

    private static RoiAccuracy EvaluateRoi(
        RoiAccuracyEvaluator evaluator, ProductSnapshot product, RoiDefinition roi, ILibraryJudge method,
        IReadOnlyList<SuspectGolden>? knownSuspects, IReadOnlyDictionary<int, (string Name, Mat Image)> bests, CancellationToken ct)
    {
        var folder = Path.Combine(product.ProductFolder, "golden_rois", $"roi_{roi.Idx}");
        var others = bests.Where(b => b.Key != roi.Idx).OrderBy(b => b.Key).Select(b => b.Value).ToList();
        try
        {
            using var library = RoiLibrary.Load(folder, new Size(roi.Coords.Width, roi.Coords.Height));
            return evaluator.Evaluate(roi, library, method, knownSuspects, others, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One ROI's failure is reported on that ROI; it never becomes a pass and never hides the others.
            return new RoiAccuracy(roi.Idx, roi.AiThreshold ?? 0, method.Name, new ScoreSummary(null, null, null, 0),
                new ScoreSummary(null, null, null, 0), [], [], [], null, null, null, [], 0, 0, 0, $"evaluation failed: {ex.Message}");
        }
    }

    /// <summary>Best golden per compare ROI at its stored size (wrong-part candidates), read-only.</summary>
    private static Dictionary<int, (string Name, Mat Image)> LoadBests(string productFolder, IEnumerable<RoiDefinition> rois)
    {
        var bests = new Dictionary<int, (string, Mat)>();
        foreach (var roi in rois)
        {
            var path = Path.Combine(productFolder, "golden_rois", $"roi_{roi.Idx}", Golden.GoldenFolder.BestName);
            if (!File.Exists(path))
            {
                continue;
            }

            var image = Cv2.ImDecode(File.ReadAllBytes(path), ImreadModes.Color);
            if (image.Empty())
            {
                image.Dispose();
                continue;
            }

            bests[roi.Idx] = ($"best golden of ROI {roi.Idx}", image);
        }

        return bests;
    }

    private static EvaluationTotals Totals(RoiAccuracy[] rois, double elapsedMs)
    {
        var genuineCount = rois.Sum(r => r.Genuine.Count);
        var genuinePassed = rois.Sum(r => (r.Genuine.PassRate ?? 0) * r.Genuine.Count);
        var unseenCount = rois.Sum(r => r.Unseen.Count);
        var unseenPassed = rois.Sum(r => (r.Unseen.PassRate ?? 0) * r.Unseen.Count);
        var defectCount = rois.Sum(r => r.Defects.Sum(d => d.Count));
        var escapes = rois.Sum(r => r.Escapes.Length);
        return new EvaluationTotals(
            rois.Length,
            genuineCount, genuineCount > 0 ? Math.Round(genuinePassed) / genuineCount : null,
            unseenCount, unseenCount > 0 ? Math.Round(unseenPassed) / unseenCount : null,
            defectCount, escapes, defectCount > 0 ? escapes / (double)defectCount : null,
            rois.Sum(r => r.FalseCalls.Length),
            rois.Sum(r => r.SuspectGoldens.Length),
            rois.Count(r => r.Error is not null),
            elapsedMs);
    }
}
