using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Imaging;
using OpenCvSharp;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// Per-engine time per ROI on crops cut from the real-product boards, one ROI at a time on warm engines, plus the
/// fixed costs around them (full-frame decode, crop copy, output JPEG encode).
/// </summary>
public sealed class EngineTimings(IEnumerable<IRoiEvaluator> evaluators, int repetitions, int maxCropsPerCase)
{
    private readonly Dictionary<int, IRoiEvaluator> _engines = evaluators.GroupBy(e => e.RoiType).ToDictionary(g => g.Key, g => g.Last());

    private sealed record Sample(BoardSet Board, RoiDefinition Roi, Mat Crop);

    public async Task<IReadOnlyList<EngineFigure>> MeasureAsync(IReadOnlyList<BoardSet> boards)
    {
        var figures = new List<EngineFigure>();
        var samples = new List<Sample>();
        var decodeTimes = new List<double>();
        try
        {
            foreach (var board in boards)
            {
                var bytes = await File.ReadAllBytesAsync(board.GoodFile);
                using var frame = TimedDecode(bytes, decodeTimes);
                foreach (var roi in board.EnabledRois.Where(r => r.ConfigError is null))
                {
                    using var view = new Mat(frame, new Rect(roi.Coords.X1, roi.Coords.Y1, roi.Coords.Width, roi.Coords.Height));
                    samples.Add(new Sample(board, roi, view.Clone()));
                }
            }

            figures.Add(new EngineFigure("full-frame JPEG decode 7716×5360 (colour)", decodeTimes.Count, Stats.Median(decodeTimes),
                decodeTimes.Average(), Stats.Percentile(decodeTimes, 90), "7716×5360", "–"));
            figures.Add(FixedCost("crop to wire bytes and back (CropImage ⇄ Mat)", samples, CropCopy));
            figures.Add(FixedCost("output JPEG encode q95 (roi_<idx>.jpg)", samples, s =>
            {
                Cv2.ImEncode(".jpg", s.Crop, out _, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
            }));

            var barcodes = samples.Where(s => s.Roi.Type == RoiDefinition.Barcode).ToList();
            var compares = Spread(samples.Where(s => s.Roi.Type == RoiDefinition.Compare).ToList());
            figures.Add(await CaseAsync("barcode hit (rendered QR label)", barcodes, s => s.Roi, e => e.Passed ? "read" : "missed"));
            // A miss is only expensive on a busy picture: the largest real part crops, not the tiny ones.
            var largestParts = samples.Where(s => s.Roi.Type == RoiDefinition.Compare)
                .OrderByDescending(s => s.Crop.Width * s.Crop.Height).Take(Math.Max(2, maxCropsPerCase / 2)).ToList();
            figures.Add(await CaseAsync("barcode miss (largest real part crops, all orientations)", largestParts,
                s => s.Roi with { Type = RoiDefinition.Barcode, ExpectedPattern = null }, e => e.Passed ? "read" : "missed"));
            figures.Add(await CaseAsync("compare, configured deep method (feature_method mobilenet)", compares, s => s.Roi,
                e => e.Passed ? "pass" : "fail"));
            figures.Add(await CaseAsync("compare, classical method (feature_method sift)", compares,
                s => s.Roi with { FeatureMethod = "sift" }, e => e.Passed ? "pass" : "fail"));
            figures.Add(await CaseAsync("OCR (rendered text, ROI rotation)", samples.Where(s => s.Roi.Type == RoiDefinition.Ocr).ToList(),
                s => s.Roi, e => e.Passed ? "pass" : "fail"));
            figures.Add(await CaseAsync("colour (NLM denoise + box/ranges)", samples.Where(s => s.Roi.Type == RoiDefinition.Color).ToList(),
                s => s.Roi, e => e.Passed ? "pass" : "fail"));
            return figures;
        }
        finally
        {
            samples.ForEach(s => s.Crop.Dispose());
        }
    }

    private static Mat TimedDecode(byte[] bytes, List<double> times)
    {
        var started = Stopwatch.GetTimestamp();
        var frame = Cv2.ImDecode(bytes, ImreadModes.Color);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return frame;
    }

    private static void CropCopy(Sample s)
    {
        using var copy = RoiCropper.ToMat(RoiCropper.ToCropImage(s.Crop));
    }

    private EngineFigure FixedCost(string name, List<Sample> samples, Action<Sample> work)
    {
        var medians = new List<double>();
        foreach (var sample in samples)
        {
            var times = new List<double>();
            for (var i = 0; i <= repetitions; i++)
            {
                var started = Stopwatch.GetTimestamp();
                work(sample);
                if (i > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            medians.Add(Stats.Median(times));
        }

        return new EngineFigure(name, samples.Count, Stats.Median(medians), medians.Average(), Stats.Percentile(medians, 90),
            Sizes(samples), $"Σ over a board's ROIs ≈ {medians.Sum() / Math.Max(1, samples.Select(s => s.Board).Distinct().Count()):F1} ms");
    }

    private async Task<EngineFigure> CaseAsync(string name, List<Sample> samples, Func<Sample, RoiDefinition> roiFor,
        Func<RoiEvaluation, string> outcome)
    {
        if (samples.Count == 0)
        {
            return new EngineFigure(name, 0, double.NaN, double.NaN, double.NaN, "–", "no such ROI in the products");
        }

        var medians = new List<double>();
        var outcomes = new List<string>();
        foreach (var sample in samples)
        {
            var roi = roiFor(sample);
            if (!_engines.TryGetValue(roi.Type, out var engine))
            {
                return new EngineFigure(name, 0, double.NaN, double.NaN, double.NaN, "–", $"no engine for type {roi.Type}");
            }

            var context = new RoiEvaluationContext(sample.Crop, roi, sample.Board.Product, sample.Board.Snapshot.ProductFolder,
                sample.Board.Snapshot.ProductColorRanges);
            var times = new List<double>();
            for (var i = 0; i <= repetitions; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await engine.EvaluateAsync(context, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                result.GoldenUsed?.Dispose();
                if (i == 0)
                {
                    outcomes.Add(result.Error is { } error ? "error: " + error : outcome(result));
                    continue; // first call loads goldens and caches: not a steady-state figure
                }

                times.Add(ms);
            }

            medians.Add(Stats.Median(times));
        }

        var summary = string.Join(", ", outcomes.GroupBy(o => o).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        return new EngineFigure(name, samples.Count, Stats.Median(medians), medians.Average(), Stats.Percentile(medians, 90),
            Sizes(samples), summary);
    }

    private List<Sample> Spread(List<Sample> samples) => Spread(samples, maxCropsPerCase);

    /// <summary>At most <paramref name="max"/> samples taken evenly across products and ROI sizes.</summary>
    private static List<Sample> Spread(List<Sample> samples, int max)
    {
        if (samples.Count <= max)
        {
            return samples;
        }

        var step = samples.Count / (double)max;
        return Enumerable.Range(0, max).Select(i => samples[(int)(i * step)]).ToList();
    }

    private static string Sizes(List<Sample> samples)
    {
        var areas = samples.Select(s => (double)s.Crop.Width * s.Crop.Height).ToList();
        var min = samples.MinBy(s => s.Crop.Width * s.Crop.Height)!.Crop;
        var max = samples.MaxBy(s => s.Crop.Width * s.Crop.Height)!.Crop;
        return $"{min.Width}×{min.Height} … {max.Width}×{max.Height} (median {Math.Sqrt(Stats.Median(areas)):F0} px²-side)";
    }
}
