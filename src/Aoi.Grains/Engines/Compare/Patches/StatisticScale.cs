namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// Maps the patch method's decision statistic (the largest 3×3 mean by which a place exceeds its learned allowance, in
/// cosine distance; ≤ 0 = every place within what the library and its taught variation show) to the reported 0..1
/// similarity, one fixed monotone map for every ROI because the per-ROI calibration already lives in the tolerance map.
/// The configured thresholds (0.78–0.93) keep their meaning: 0.93 ↔ <see cref="GenuineStatistic"/> (comfortably inside
/// the learned allowance), 0.9 ↔ 0 (the allowance itself), 0.78 ↔ <see cref="DefectStatistic"/>, so a lower configured
/// threshold tolerates more and a higher one less, and identical images score 1.
/// </summary>
public static class StatisticScale
{
    public const double GenuineStatistic = -0.025;
    public const double DefectStatistic = 0.10;
    public const double GenuineSimilarity = 0.93;
    public const double DefectSimilarity = 0.78;

    /// <summary>At or below this statistic the similarity is 1.</summary>
    public const double PerfectStatistic = -0.3;

    /// <summary>At or above this statistic the similarity is 0.</summary>
    public const double WorstStatistic = 0.6;

    public static double ToSimilarity(double statistic) => statistic switch
    {
        double.NaN => 0.0,
        <= PerfectStatistic => 1.0,
        <= GenuineStatistic => Lerp(statistic, PerfectStatistic, GenuineStatistic, 1.0, GenuineSimilarity),
        <= DefectStatistic => Lerp(statistic, GenuineStatistic, DefectStatistic, GenuineSimilarity, DefectSimilarity),
        < WorstStatistic => Lerp(statistic, DefectStatistic, WorstStatistic, DefectSimilarity, 0.0),
        _ => 0.0,
    };

    /// <summary>The statistic whose similarity is <paramref name="similarity"/> (the inverse of <see cref="ToSimilarity"/>).</summary>
    public static double StatisticAt(double similarity) => similarity switch
    {
        >= 1.0 => PerfectStatistic,
        >= GenuineSimilarity => Lerp(similarity, 1.0, GenuineSimilarity, PerfectStatistic, GenuineStatistic),
        >= DefectSimilarity => Lerp(similarity, GenuineSimilarity, DefectSimilarity, GenuineStatistic, DefectStatistic),
        > 0.0 => Lerp(similarity, DefectSimilarity, 0.0, DefectStatistic, WorstStatistic),
        _ => WorstStatistic,
    };

    private static double Lerp(double x, double x0, double x1, double y0, double y1) => y0 + (x - x0) / (x1 - x0) * (y1 - y0);
}
