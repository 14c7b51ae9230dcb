using Aoi.Grains.Golden;
using System.Globalization;
using System.Runtime.CompilerServices;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// Compare method v3 (docs/compare-method.md): a decision made of named checks over a per-ROI model built at teach time.
/// <list type="bullet">
/// <item>appearance and foreign matter: every cell of the crop against the patch memory of the goldens
/// (<see cref="PatchMemory"/>), held against the learned per-place allowance (<see cref="ToleranceMap"/>); foreign
/// matter is the largest 3×3 mean excess (it decides the similarity, <see cref="StatisticScale"/>), appearance the share
/// of the part that exceeds;</item>
/// <item>placement: a wide coarse search against the reference and the library (<see cref="Compare.PlacementCheck"/>,
/// <see cref="PlacementRule"/>);</item>
/// <item>orientation: for parts that do not look the same turned, whether the turned reference explains the crop
/// clearly better than the reference;</item>
/// <item>presence: when most of the part differs, whether its texture is gone (bare board).</item>
/// </list>
/// Deterministic for given files: fixed seeds, integer alignment with OpenCV's first-maximum rule, ordered sums.
/// </summary>
public sealed class PatchLibraryJudge(PatchFeatureExtractor extractor, PatchFeatureExtractor? screening = null) : ILibraryJudge, IStoredModelFormat
{
    // Features of golden images and of their taught variants, per image object: the accuracy harness builds many models
    // (leave-one-out) from the same loaded images; the server loads fresh images per build, so entries simply die with them.
    private readonly ConditionalWeakTable<Mat, PatchFeatures> _goldenFeatures = new();
    private readonly ConditionalWeakTable<Mat, PatchFeatures[]> _variantFeatures = new();
    private readonly ConditionalWeakTable<Mat, PatchFeatures[]> _wideVariantFeatures = new();

    // Judgements the screening backbone decided alone, and those it passed on (ScreeningCounts).
    private long _screened;
    private long _rescored;

    /// <summary>Libraries of at most this many goldens are taught the wide capture variation.</summary>
    public const int SparseGoldens = 2;

    public const string MethodName = "resnet18-patch-library-v3";

    /// <summary>Goldens held in a ROI's memory: the reference, then the most different of the others (farthest first).</summary>
    public const int MaxMemoryGoldens = 16;

    /// <summary>Goldens whose taught capture variation is learned (the first in memory order).</summary>
    public const int MaxVariedGoldens = 8;

    /// <summary>A golden whose texture is below this share of the library's median is kept out as blurred.</summary>
    public const double BlurRatio = 0.35;

    /// <summary>A golden whose mean anomaly against the others exceeds the library's median by more than
    /// max(this, 4 robust σ) contradicts the library and is kept out.</summary>
    public const double ContradictionMargin = 0.08;

    /// <summary>Contradiction is judged from this many goldens on: a small library may hold two variants of a part with
    /// two captures each, and leaving one out must not make its partner look contradicting.</summary>
    public const int MinForContradiction = 5;

    /// <summary>A left-out golden teaches the tolerance only when the others explain it this well on average (cosine
    /// distance): captures of one part stay well below, a different variant of the part lies far above.</summary>
    public const double PartnerLimit = 0.4;

    public const double AppearanceAreaLimit = 0.30;
    public const double OrientationLimit = 0.75;
    public const double PresenceLimit = 0.45;

    /// <summary>At or above this NCC with its own half turn a part counts as 180°-symmetric: orientation is not judged.</summary>
    public const double SymmetryNcc = 0.9;

    /// <summary>Similarity a failed placement, orientation, presence or appearance check is capped at.</summary>
    public const double HardFailSimilarity = 0.5;

    public string Name => MethodName;

    public void Write(LibraryModel model, BinaryWriter writer) =>
        PatchLibraryModelFile.Write(writer, model as PatchLibraryModel ?? throw new ArgumentException($"not a {MethodName} model", nameof(model)));

    public LibraryModel Read(BinaryReader reader) => PatchLibraryModelFile.Read(reader);

    /// <summary>
    /// Index of the reference (the best golden, first in library order). It is never left out of the model: it is the
    /// engineer's choice of what the part looks like, and a board that shows exactly it must pass. When it is the
    /// odd one out, the alternatives that contradict it are the ones left out.
    /// </summary>
    private const int Reference = 0;

    /// <summary>
    /// Goldens a person vouched for are never left out (as blurred or contradicting): the reference, and a false call
    /// learned at the review station — it was learned because the library did not explain it, so it always
    /// "contradicts" a little, and the regression guard has checked it against the confirmed defects.
    /// </summary>
    private static bool Vouched(IReadOnlyList<GoldenImage> goldens, int index) =>
        index == Reference || goldens[index].Name.StartsWith(LearnedGolden.Prefix, StringComparison.Ordinal);

    public LibraryModel Build(Size roiSize, IReadOnlyList<GoldenImage> goldens, CancellationToken cancellationToken = default)
    {
        if (goldens.Count == 0)
        {
            throw new ArgumentException("a model needs at least one golden", nameof(goldens));
        }

        var excluded = new List<ExcludedGolden>();
        var candidates = Enumerable.Range(0, goldens.Count).ToList();
        if (goldens.Count >= MinForContradiction)
        {
            var textures = goldens.Select(g => ImageMeasures.LaplacianVariance(g.Image)).ToArray();
            var median = ImageMeasures.Median(textures);
            foreach (var i in candidates.Where(i => !Vouched(goldens, i) && textures[i] < BlurRatio * median).ToList())
            {
                excluded.Add(new ExcludedGolden(goldens[i].Name, Text($"blurred: texture {textures[i]:F0} is {textures[i] / median:P0} of the library's median {median:F0}")));
                candidates.Remove(i);
            }
        }

        var features = new Dictionary<int, PatchFeatures>();
        foreach (var i in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            features[i] = _goldenFeatures.GetValue(goldens[i].Image, image => extractor.Extract(image, roiSize));
        }

        var members = SelectMembers(candidates, features);
        var memory = new PatchMemory(members.Select(i => features[i]).ToList());
        var leaveOneOut = LeaveOneOut(memory, cancellationToken);
        if (members.Count >= MinForContradiction)
        {
            var means = leaveOneOut.Select(s => MeanOf(s.Map)).ToArray();
            var median = ImageMeasures.Median(means);
            var limit = median + Math.Max(ContradictionMargin, 4 * ImageMeasures.RobustSpread(means));
            var contradicting = Enumerable.Range(0, members.Count).Where(k => !Vouched(goldens, members[k]) && means[k] > limit).ToList();
            if (contradicting.Count > 0)
            {
                foreach (var k in contradicting)
                {
                    excluded.Add(new ExcludedGolden(goldens[members[k]].Name,
                        Text($"contradicts the library: mean difference {means[k]:F3} to the other goldens, the library's typical {median:F3} (limit {limit:F3})")));
                }

                members = members.Where((_, k) => !contradicting.Contains(k)).ToList();
                memory = new PatchMemory(members.Select(i => features[i]).ToList());
                leaveOneOut = LeaveOneOut(memory, cancellationToken);
            }
        }

        var reference = memory.Features(0);
        var variation = new List<(float[] Map, (int X, int Y) Offset)>();
        for (var k = 0; k < Math.Min(MaxVariedGoldens, members.Count); k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var strength = members.Count <= SparseGoldens ? CaptureVariation.Strength.Wide : CaptureVariation.Strength.Usual;
            var cache = strength == CaptureVariation.Strength.Wide ? _wideVariantFeatures : _variantFeatures;
            foreach (var image in cache.GetValue(goldens[members[k]].Image, golden => VariantFeatures(golden, roiSize, strength)))
            {
                variation.Add((memory.Anomaly(image, memory.Normalise(image)).Combined, CellOffset(image, reference)));
            }
        }

        // A golden the rest of the library does not explain at all (another variant of the part, kept with a partner or
        // alone) says nothing about how captures of one part vary: it would open every place of the ROI.
        var partnered = leaveOneOut.Where(s => MeanOf(s.Map) <= PartnerLimit).ToList();
        var tolerance = ToleranceMap.Fit(memory.GridWidth, memory.GridHeight, variation, partnered);
        if (partnered.Count >= ToleranceMap.RobustFrom)
        {
            tolerance = tolerance.Lifted(HeldOutCalibration.Lift(memory.GridWidth, memory.GridHeight, variation, partnered,
                (map, offset, fitted) => Statistic(map, offset, fitted, 0).Statistic));
        }

        var referenceImage = goldens[members[0]].Image;
        PatchFeatures? turned = null;
        if (ImageMeasures.Rotation180Ncc(referenceImage) < SymmetryNcc)
        {
            using var rotated = new Mat();
            Cv2.Rotate(referenceImage, rotated, RotateFlags.Rotate180);
            turned = extractor.Extract(rotated, roiSize);
        }

        return new PatchLibraryModel(roiSize, members.Select(i => goldens[i].Name).ToList(), excluded, memory, tolerance, turned,
            CentreTexture(referenceImage), LibraryPositions(memory)).Compact();
    }

    /// <summary>Scores decided on the screening backbone alone, and scores it passed on to the model's own backbone.</summary>
    public (long Screened, long Rescored) ScreeningCounts => (Interlocked.Read(ref _screened), Interlocked.Read(ref _rescored));

    /// <summary>
    /// The judgement of a crop. With a screening backbone (int8 against the FP32-built model) a judgement clear of every
    /// decision (<see cref="ScreeningRule"/>) stands; one near a decision is made again on the model's own backbone.
    /// </summary>
    public CompareJudgement Judge(LibraryModel model, Mat crop, double threshold)
    {
        var m = model as PatchLibraryModel ?? throw new ArgumentException($"not a {MethodName} model", nameof(model));
        if (screening is not null)
        {
            var screened = JudgeWith(screening, m, crop, threshold);
            if (ScreeningRule.Decisive(screened, threshold))
            {
                Interlocked.Increment(ref _screened);
                return screened;
            }

            Interlocked.Increment(ref _rescored);
        }

        return JudgeWith(extractor, m, crop, threshold);
    }

    private CompareJudgement JudgeWith(PatchFeatureExtractor features, PatchLibraryModel m, Mat crop, double threshold)
    {
        var memory = m.Memory;
        var image = features.Extract(crop, m.RoiSize);
        var cells = memory.Normalise(image);
        var maps = memory.Anomaly(image, cells);
        var offset = CellOffset(image, memory.Features(0));
        var allowance = StatisticScale.StatisticAt(threshold);
        var (statistic, area) = Statistic(maps.Combined, offset, m.Tolerance, allowance);

        // Per golden, for the reported golden and automatic promotion (spec 3.3, 4.3).
        var perGolden = new double[memory.Count];
        for (var g = 0; g < memory.Count; g++)
        {
            perGolden[g] = maps.PerGolden[g] is { } own ? Statistic(own, offset, m.Tolerance, allowance).Statistic : double.PositiveInfinity;
        }

        var closest = Enumerable.Range(0, memory.Count).MinBy(g => perGolden[g]);
        var placement = Placement(m, image);
        var orientation = Orientation(m, image, cells, maps.PerGolden[0]);
        var texture = CentreTexture(crop) / Math.Max(m.ReferenceTexture, 1e-6);

        var appearanceOk = area <= AppearanceAreaLimit;
        var explained = statistic <= allowance;
        // Presence and orientation name what the library cannot explain; a crop the library explains is neither missing
        // nor turned (near-symmetric parts score their turned reference almost as well as the reference).
        var presenceOk = appearanceOk || texture >= PresenceLimit;
        var orientationOk = explained || orientation is not { } turnedRatio || turnedRatio >= OrientationLimit;
        var checks = new List<CompareCheck>
        {
            new(CompareDefects.PresenceCheck, Round(texture), PresenceLimit, presenceOk),
            new(CompareDefects.PlacementCheck, Round(placement.Offset * 100), Compare.PlacementCheck.Tolerance * 100, !placement.Displaced),
        };
        if (orientation is { } ratio)
        {
            checks.Add(new CompareCheck(CompareDefects.OrientationCheck, Round(ratio), OrientationLimit, orientationOk));
        }

        checks.Add(new CompareCheck(CompareDefects.AppearanceCheck, Round(area * 100), AppearanceAreaLimit * 100, appearanceOk));
        checks.Add(new CompareCheck(CompareDefects.ForeignMatterCheck, Round(statistic), Round(allowance), explained));

        var similarity = StatisticScale.ToSimilarity(statistic);
        var hardFail = checks.Any(c => !c.Passed && c.Name != CompareDefects.ForeignMatterCheck);
        if (hardFail)
        {
            similarity = Math.Max(0, Math.Min(similarity, Math.Min(HardFailSimilarity, threshold - 0.01)));
        }

        var passed = ComparePassRule.Passes(similarity, threshold);
        string? defect = passed ? null : checks.First(c => !c.Passed).Name switch
        {
            CompareDefects.PlacementCheck => CompareDefects.Displaced,
            CompareDefects.OrientationCheck => CompareDefects.Rotated,
            CompareDefects.PresenceCheck => CompareDefects.Missing,
            _ when area >= 0.5 => CompareDefects.WrongPart,
            _ when area < 0.15 => CompareDefects.ForeignObject,
            _ => CompareDefects.Different,
        };

        var matching = -1;
        if (passed && !ComparePassRule.Passes(StatisticScale.ToSimilarity(perGolden[0]), threshold))
        {
            matching = Enumerable.Range(1, memory.Count - 1)
                .FirstOrDefault(g => ComparePassRule.Passes(StatisticScale.ToSimilarity(perGolden[g]), threshold), -1);
        }

        var warnings = placement.Displaced ? new[] { "part displaced from the golden position" } : [];
        return new CompareJudgement(similarity, defect, checks, closest, matching, warnings);
    }

    /// <summary>
    /// The decision statistic: per cell, the anomaly minus the allowance at its place in the reference frame, averaged
    /// over 3×3 cells (judged cells only, at least 3); the largest such mean, and the share of judged cells whose own
    /// excess is above <paramref name="allowance"/>.
    /// </summary>
    public static (double Statistic, double Area) Statistic(float[] map, (int X, int Y) offset, ToleranceMap tolerance, double allowance)
    {
        var (w, h) = (tolerance.Width, tolerance.Height);
        var excess = new float[map.Length];
        var judged = 0;
        var over = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = y * w + x;
                excess[p] = float.IsNaN(map[p]) ? float.NaN : map[p] - tolerance.At(x + offset.X, y + offset.Y);
                if (!float.IsNaN(excess[p]))
                {
                    judged++;
                    over += excess[p] > allowance ? 1 : 0;
                }
            }
        }

        var worst = double.NegativeInfinity;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double sum = 0;
                var count = 0;
                for (var ny = Math.Max(0, y - 1); ny <= Math.Min(h - 1, y + 1); ny++)
                {
                    for (var nx = Math.Max(0, x - 1); nx <= Math.Min(w - 1, x + 1); nx++)
                    {
                        var v = excess[ny * w + nx];
                        if (!float.IsNaN(v))
                        {
                            sum += v;
                            count++;
                        }
                    }
                }

                if (count >= 3)
                {
                    worst = Math.Max(worst, sum / count);
                }
            }
        }

        return judged == 0 ? (double.PositiveInfinity, 1.0) : (worst, over / (double)judged);
    }

    private PatchFeatures[] VariantFeatures(Mat golden, Size roiSize, CaptureVariation.Strength strength)
    {
        var variants = CaptureVariation.Of(golden, VariationSeed, strength);
        try
        {
            return variants.Select(v => extractor.Extract(v, roiSize)).ToArray();
        }
        finally
        {
            variants.ForEach(v => v.Dispose());
        }
    }

    /// <summary>Seed of the sensor noise in taught variants (fixed: a model is a function of its files).</summary>
    private const int VariationSeed = 1103;

    /// <summary>Leave-one-out maps of every golden in memory against the others, with offsets to the reference.</summary>
    private static List<(float[] Map, (int X, int Y) Offset)> LeaveOneOut(PatchMemory memory, CancellationToken cancellationToken)
    {
        var maps = new List<(float[], (int, int))>();
        if (memory.Count < 2)
        {
            return maps;
        }

        for (var k = 0; k < memory.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = memory.Features(k);
            maps.Add((memory.Anomaly(image, memory.Normalise(image), exclude: k).Combined, CellOffset(image, memory.Features(0))));
        }

        return maps;
    }

    /// <summary>The reference first, then greedily the candidate least like any chosen one (pooled descriptors), so a
    /// big library keeps its variety within <see cref="MaxMemoryGoldens"/>.</summary>
    private static List<int> SelectMembers(List<int> candidates, Dictionary<int, PatchFeatures> features)
    {
        if (candidates.Count <= MaxMemoryGoldens)
        {
            return candidates;
        }

        var probe = new PatchMemory(candidates.Select(i => features[i]).ToList());
        var pooled = candidates.Select(i => probe.Normalise(features[i]).Pooled).ToArray();
        var chosen = new List<int> { 0 };
        var nearest = pooled.Select(p => (double)System.Numerics.Tensors.TensorPrimitives.Dot(p, pooled[0])).ToArray();
        while (chosen.Count < MaxMemoryGoldens)
        {
            var next = Enumerable.Range(0, pooled.Length).Where(k => !chosen.Contains(k)).MinBy(k => nearest[k]);
            chosen.Add(next);
            for (var k = 0; k < pooled.Length; k++)
            {
                nearest[k] = Math.Max(nearest[k], System.Numerics.Tensors.TensorPrimitives.Dot(pooled[k], pooled[next]));
            }
        }

        return chosen.Order().Select(k => candidates[k]).ToList();
    }

    /// <summary>The placement check: the offset from the reference (fraction of the ROI) and the verdict.</summary>
    private static (double Offset, bool Displaced) Placement(PatchLibraryModel model, PatchFeatures image)
    {
        var memory = model.Memory;
        using var crop = PatchMemory.GreyMat(image);
        var measures = new Placement?[memory.Count];
        Placement Measure(int g)
        {
            if (measures[g] is not { } known)
            {
                using var golden = PatchMemory.GreyMat(memory.Features(g));
                known = Compare.PlacementCheck.Measure(crop, golden);
                measures[g] = known;
            }

            return known;
        }

        // Displaced from most of the library, or seen by the reference at a place where no golden of the library has been:
        // in a library whose captures differ a lot in content, goldens that do not share the moved part's content vote
        // "not displaced" by chance, while the library's positions as the reference sees them still show where the part goes.
        var reference = Measure(0);
        var displaced = PlacementRule.IsDisplaced(memory.Count, g => Measure(g).Displaced)
                        || reference.Displaced && PlacementRule.AwayFromAll((reference.Dx, reference.Dy), model.Positions);
        return (Math.Max(Math.Abs(reference.Dx), Math.Abs(reference.Dy)), displaced);
    }

    /// <summary>Where each golden of the memory sits as the reference sees it (the reference itself at 0, 0), in fractions
    /// of the ROI, measured once per model by the placement check's own search.</summary>
    private static List<(double Dx, double Dy)> LibraryPositions(PatchMemory memory)
    {
        using var reference = PatchMemory.GreyMat(memory.Features(0));
        var positions = new List<(double, double)> { (0, 0) };
        for (var g = 1; g < memory.Count; g++)
        {
            using var golden = PatchMemory.GreyMat(memory.Features(g));
            var placement = Compare.PlacementCheck.Measure(golden, reference);
            positions.Add((placement.Dx, placement.Dy));
        }

        return positions;
    }

    /// <summary>Mean anomaly against the reference turned 180° over mean anomaly against the reference (below 1: the
    /// turned part explains the crop better); null for parts that look the same turned.</summary>
    private static double? Orientation(PatchLibraryModel model, PatchFeatures image, NormalisedCells cells, float[]? againstReference)
    {
        if (model.TurnedReference is not { } turned || model.TurnedCells is not { } turnedCells)
        {
            return null;
        }

        var direct = againstReference ?? model.Memory.AgainstGolden(image, cells, 0);
        var reversed = model.Memory.AgainstOne(image, cells, turned, turnedCells);
        return MeanOf(reversed) / Math.Max(MeanOf(direct), 1e-6);
    }

    private static (int X, int Y) CellOffset(PatchFeatures image, PatchFeatures reference)
    {
        var (dx, dy) = PatchMemory.Align(image, reference);
        return ((int)Math.Round(dx / 2.0, MidpointRounding.AwayFromZero), (int)Math.Round(dy / 2.0, MidpointRounding.AwayFromZero));
    }

    /// <summary>Laplacian variance of the grey centre (the middle 70 % of each side): bare board has little.</summary>
    private static double CentreTexture(Mat bgr)
    {
        var inner = new Rect((int)(bgr.Width * 0.15), (int)(bgr.Height * 0.15), Math.Max(1, (int)(bgr.Width * 0.7)), Math.Max(1, (int)(bgr.Height * 0.7)));
        using var centre = new Mat(bgr, inner);
        return ImageMeasures.LaplacianVariance(centre);
    }

    private static double MeanOf(float[] map)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in map)
        {
            if (!float.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.PositiveInfinity : sum / count;
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 999.0;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

