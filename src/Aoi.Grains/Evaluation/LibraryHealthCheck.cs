using System.Globalization;
using Aoi.Grains.Engines.Compare;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Flags golden files of one ROI that an engineer should review before they are trusted (spec 3.6): unreadable files,
/// files of another size or aspect than the ROI, blurred captures (sharpness far below the ROI's median) and
/// captures inconsistent with the others — a finger over the part, another product variant, a misplaced board — seen
/// as a robust outlier of the median similarity to the other captures, by aligned pixel NCC and, when a method is
/// given, by that method's own score. Relative checks need at least three readable captures; with exactly two, an
/// alternative that does not resemble best_golden.jpg at all is flagged. Each reason carries its measure.
/// </summary>
public static class LibraryHealthCheck
{
    /// <summary>Blurred: sharpness below this fraction of the ROI's median.</summary>
    public const double BlurRatio = 0.4;

    /// <summary>Outlier: more than max(this, 3 robust σ) below the ROI's typical median pixel NCC.</summary>
    public const double NccOutlierFloor = 0.15;

    /// <summary>Outlier: more than max(this, 3 robust σ) below the ROI's typical median method score.</summary>
    public const double ScoreOutlierFloor = 0.05;

    /// <summary>With two captures: an alternative whose aligned NCC with the best is below this is flagged.</summary>
    public const double PairNccFloor = 0.5;

    /// <summary>A size off by more than this fraction (or 2 px) of the ROI side is flagged.</summary>
    public const double SizeTolerance = 0.05;

    /// <summary>Peers per capture for the mutual similarity: evenly spread over the library, bounds the cost on big libraries.</summary>
    public const int MaxPeers = 12;

    /// <param name="features">Method features per capture (same order, null for unreadable ones), or null for pixel measures only.</param>
    public static IReadOnlyList<SuspectGolden> Check(
        RoiLibrary library, Size roiSize, ISimilarityMethod? method = null, IReadOnlyList<ImageFeatures?>? features = null)
    {
        var captures = library.Captures;
        var reasons = captures.Select(_ => new List<string>()).ToArray();
        for (var i = 0; i < captures.Count; i++)
        {
            var c = captures[i];
            if (c.DecodedSize is not { } size)
            {
                reasons[i].Add("unreadable: the file cannot be decoded as an image");
                continue;
            }

            if (OffBy(size.Width, roiSize.Width) || OffBy(size.Height, roiSize.Height))
            {
                reasons[i].Add(Text($"size {size.Width}x{size.Height} differs from the ROI's {roiSize.Width}x{roiSize.Height} (aspect {Aspect(size):F2} vs {Aspect(roiSize):F2})"));
            }
        }

        var readable = Enumerable.Range(0, captures.Count).Where(i => captures[i].Image is not null).ToArray();
        if (readable.Length >= 3)
        {
            CheckSharpness(captures, readable, reasons);
            CheckConsistency(readable, reasons, (a, b) => ImageMeasures.AlignedNcc(captures[a].Image!, captures[b].Image!),
                NccOutlierFloor, "occluded or inconsistent: median aligned NCC to the other captures");
            if (method is not null && features is not null)
            {
                CheckConsistency(readable, reasons, (a, b) => method.Score(features[a]!, features[b]!),
                    ScoreOutlierFloor, $"inconsistent for {method.Name}: median similarity to the other captures");
            }
        }
        else if (readable.Length == 2 && captures[readable[0]].IsBest)
        {
            var ncc = ImageMeasures.AlignedNcc(captures[readable[1]].Image!, captures[readable[0]].Image!);
            if (ncc < PairNccFloor)
            {
                reasons[readable[1]].Add(Text($"inconsistent with {Golden.GoldenFolder.BestName}: aligned NCC {ncc:F3} < {PairNccFloor}"));
            }
        }

        return Enumerable.Range(0, captures.Count)
            .Where(i => reasons[i].Count > 0)
            .Select(i => new SuspectGolden(captures[i].Name, [.. reasons[i]]))
            .ToList();
    }

    /// <summary>Deterministic peers of capture <paramref name="self"/>: all others, or <see cref="MaxPeers"/> evenly spaced.</summary>
    public static IEnumerable<int> Peers(IReadOnlyList<int> readable, int self)
    {
        var others = readable.Where(i => i != self).ToArray();
        if (others.Length <= MaxPeers)
        {
            return others;
        }

        return Enumerable.Range(0, MaxPeers).Select(k => others[(int)((long)k * others.Length / MaxPeers)]);
    }

    private static void CheckSharpness(IReadOnlyList<LibraryCapture> captures, int[] readable, List<string>[] reasons)
    {
        var sharpness = readable.Select(i => ImageMeasures.LaplacianVariance(captures[i].Image!)).ToArray();
        var median = ImageMeasures.Median(sharpness);
        for (var k = 0; k < readable.Length; k++)
        {
            if (sharpness[k] < BlurRatio * median)
            {
                reasons[readable[k]].Add(Text(
                    $"blurred: Laplacian variance {sharpness[k]:F1} = {sharpness[k] / median:F2} × the ROI's median {median:F1} (< {BlurRatio})"));
            }
        }
    }

    private static void CheckConsistency(int[] readable, List<string>[] reasons, Func<int, int, double> similarity, double floor, string label)
    {
        var medians = readable.Select(i => ImageMeasures.Median(Peers(readable, i).Select(p => similarity(i, p)).ToArray())).ToArray();
        var typical = ImageMeasures.Median(medians);
        var limit = typical - Math.Max(floor, 3 * ImageMeasures.RobustSpread(medians));
        for (var k = 0; k < readable.Length; k++)
        {
            if (medians[k] < limit)
            {
                reasons[readable[k]].Add(Text($"{label} {medians[k]:F3} vs the ROI's typical {typical:F3} (limit {limit:F3})"));
            }
        }
    }

    private static bool OffBy(int actual, int expected) =>
        Math.Abs(actual - expected) > Math.Max(2, SizeTolerance * expected);

    private static double Aspect(Size size) => size.Width / (double)Math.Max(1, size.Height);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
