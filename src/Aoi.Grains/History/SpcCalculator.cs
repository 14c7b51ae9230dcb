namespace Aoi.Grains.History;

/// <summary>
/// Shewhart individuals chart for compare similarities: the reference window (the first N points, typically a
/// period known to be good) gives mean and sample standard deviation; limits are mean ± k·σ (k = 3). Two Western
/// Electric rules flag drift: a point outside the limits, and a run of <c>runLength</c> (7) consecutive points on
/// the same side of the mean, which catches a slow slide long before single points leave the limits or cross the
/// pass threshold.
/// </summary>
public static class SpcCalculator
{
    public const int DefaultRunLength = 7;
    public const double DefaultSigmaMultiplier = 3.0;

    /// <summary>Reference window = the first <paramref name="referencePoints"/> samples of the series.</summary>
    public static SpcAnalysis Analyse(
        IReadOnlyList<SpcSample> samples, int referencePoints, int runLength = DefaultRunLength, double sigmaMultiplier = DefaultSigmaMultiplier) =>
        Analyse(samples, samples.Take(Math.Max(0, referencePoints)).Select(s => s.Value).ToList(), runLength, sigmaMultiplier);

    /// <summary>Reference window given separately (e.g. a period known to be good, outside the charted range).</summary>
    public static SpcAnalysis Analyse(
        IReadOnlyList<SpcSample> samples, IReadOnlyList<double> reference, int runLength = DefaultRunLength, double sigmaMultiplier = DefaultSigmaMultiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runLength, 2);
        var threshold = samples.LastOrDefault(s => s.Threshold is not null)?.Threshold;
        var firstFail = samples.FirstOrDefault(s => !s.Passed)?.At;
        if (reference.Count < 2)
        {
            var plain = samples.Select(s => new SpcPoint(s.At, s.InspectionId, s.Value, s.Passed, false, false)).ToList();
            return new SpcAnalysis(reference.Count, null, null, null, null, threshold, false, null, firstFail, plain);
        }

        var mean = reference.Average();
        var sigma = Math.Sqrt(reference.Sum(v => (v - mean) * (v - mean)) / (reference.Count - 1));
        var upper = mean + sigmaMultiplier * sigma;
        var lower = mean - sigmaMultiplier * sigma;

        var points = new List<SpcPoint>(samples.Count);
        var side = 0;
        var run = 0;
        foreach (var s in samples)
        {
            var pointSide = Math.Sign(s.Value - mean);
            run = pointSide != 0 && pointSide == side ? run + 1 : (pointSide == 0 ? 0 : 1);
            side = pointSide;
            var outside = s.Value > upper || s.Value < lower;
            points.Add(new SpcPoint(s.At, s.InspectionId, s.Value, s.Passed, outside, run >= runLength));
        }

        var firstDrift = points.FirstOrDefault(p => p.Flagged)?.At;
        return new SpcAnalysis(reference.Count, Round(mean), Round(sigma), Round(upper), Round(lower), threshold,
            firstDrift is not null, firstDrift, firstFail, points);
    }

    private static double Round(double value) => Math.Round(value, 6);
}
