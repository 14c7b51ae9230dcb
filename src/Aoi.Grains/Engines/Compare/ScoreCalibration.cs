namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Fixed, monotone, piecewise-linear map from the aligned-spatial raw score to the 0..1 similarity, chosen so the
/// configured thresholds (0.78–0.93) keep their meaning: raw ≥ <see cref="GenuineRaw"/> (the 1st percentile of genuine
/// nuisance captures measured on the real libraries) lands at ≥ 0.93, raw ≤ <see cref="DefectRaw"/> (the 99th
/// percentile of synthetic defects) at ≤ 0.78, identical images (raw 1) at 1.0. See docs/compare-method.md.
/// </summary>
public static class ScoreCalibration
{
    public const double DefectRaw = 0.70;
    public const double GenuineRaw = 0.77;
    public const double DefectSimilarity = 0.78;
    public const double GenuineSimilarity = 0.93;

    public static double ToSimilarity(double raw) => ToSimilarity(raw, ScoreAnchors.Default);

    /// <summary>The same map with a ROI's own anchors (<see cref="SparseLibraryCalibration"/>).</summary>
    public static double ToSimilarity(double raw, ScoreAnchors anchors)
    {
        if (double.IsNaN(raw) || raw <= 0)
        {
            return 0.0;
        }

        if (raw >= 1)
        {
            return 1.0;
        }

        return raw switch
        {
            _ when raw <= anchors.DefectRaw => raw / anchors.DefectRaw * DefectSimilarity,
            _ when raw <= anchors.GenuineRaw => Interpolate(raw, anchors.DefectRaw, anchors.GenuineRaw, DefectSimilarity, GenuineSimilarity),
            _ => Interpolate(raw, anchors.GenuineRaw, 1.0, GenuineSimilarity, 1.0),
        };
    }

    private static double Interpolate(double x, double x0, double x1, double y0, double y1) => y0 + (x - x0) / (x1 - x0) * (y1 - y0);
}

/// <summary>The raw scores that map to <see cref="ScoreCalibration.DefectSimilarity"/> and
/// <see cref="ScoreCalibration.GenuineSimilarity"/>.</summary>
public readonly record struct ScoreAnchors(double DefectRaw, double GenuineRaw)
{
    public static readonly ScoreAnchors Default = new(ScoreCalibration.DefectRaw, ScoreCalibration.GenuineRaw);
}
