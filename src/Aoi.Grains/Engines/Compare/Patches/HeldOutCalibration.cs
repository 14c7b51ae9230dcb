namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// How much a capture the model has not seen exceeds the tolerance map, measured on the library itself (a jackknife).
/// From <see cref="ToleranceMap.RobustFrom"/> leave-one-out maps on, a place's allowance is their 80th percentile, so
/// one odd golden does not open the whole ROI; but every golden is odd somewhere, and a new capture of a part whose look
/// varies (a cable bent, a dark part under glare) exceeds some place almost always. Each golden is therefore held out in
/// turn: the map is fitted without its leave-one-out map, and its decision statistic against that map is what a new
/// capture would show. The map is lifted by the <see cref="Quantile"/> of those statistics (never lowered), so most held-out
/// goldens of the ROI are explained. Measured side by side on the shared products (docs/benchmarks/accuracy-notes.md):
/// 80th, 90th and 100th percentile, and from 3 maps on; the 90th from <see cref="ToleranceMap.RobustFrom"/> on kept.
/// </summary>
public static class HeldOutCalibration
{
    public const double Quantile = 0.9;

    /// <param name="variation">Anomaly maps of taught variants with their offsets to the reference (as for the fit).</param>
    /// <param name="leaveOneOut">Leave-one-out maps of the goldens with their offsets (as for the fit).</param>
    /// <param name="statistic">The decision statistic of a map at an offset against a tolerance map.</param>
    public static float Lift(int width, int height, IReadOnlyList<(float[] Map, (int X, int Y) Offset)> variation,
        IReadOnlyList<(float[] Map, (int X, int Y) Offset)> leaveOneOut, Func<float[], (int X, int Y), ToleranceMap, double> statistic)
    {
        if (leaveOneOut.Count < 2)
        {
            return 0f;
        }

        var heldOut = new float[leaveOneOut.Count];
        for (var k = 0; k < leaveOneOut.Count; k++)
        {
            var others = leaveOneOut.Where((_, j) => j != k).ToList();
            var fitted = ToleranceMap.Fit(width, height, variation, others);
            heldOut[k] = (float)statistic(leaveOneOut[k].Map, leaveOneOut[k].Offset, fitted);
        }

        return Math.Max(0f, ToleranceMap.Quantile(heldOut, Quantile));
    }
}
