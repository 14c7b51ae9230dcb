using Aoi.Grains.Engines.Compare.Library;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// When an int8 judgement against an FP32-built model may stand (<see cref="BackbonePrecision.Int8Screening"/>): only a
/// pass clear of every decision the features take part in. Measured on the accuracy benchmark's 4 929 judgements (both
/// backbones on every crop, stop 28): over the 3 045 int8 passes at least <see cref="SimilarityMargin"/> above the
/// threshold, FP32's similarity was at most 0.019 lower, the appearance area at most 1.7 points apart and the
/// orientation ratio at most 0.12; on the failing side FP32 scored up to 0.22 higher (the similarity scale is steep
/// there), so every failing judgement — its decision and its defect — is made again on FP32, as is a pass that would
/// promote another golden (which one is a close call by nature) or that sits near the appearance or orientation limit
/// (each fails a ROI on its own; presence falls back on appearance). Placement and presence's texture come from the
/// crop's pixels, the same on both backbones. On a line most ROIs are clear passes, so most scores stay on int8.
/// </summary>
public static class ScreeningRule
{
    public const double SimilarityMargin = 0.05;

    /// <summary>In percentage points of the ROI, as the appearance check reports its value.</summary>
    public const double AppearanceMargin = 5.0;

    public const double OrientationMargin = 0.15;

    public static bool Decisive(CompareJudgement judgement, double threshold)
    {
        if (!ComparePassRule.Passes(judgement.Similarity, threshold)
            || judgement.Similarity - threshold < SimilarityMargin
            || judgement.MatchingGolden >= 0)
        {
            return false;
        }

        foreach (var check in judgement.Checks)
        {
            var clear = check.Name switch
            {
                CompareDefects.AppearanceCheck => check.Value <= check.Limit - AppearanceMargin,
                CompareDefects.OrientationCheck => Math.Abs(check.Value - check.Limit) >= OrientationMargin,
                _ => true,
            };
            if (!clear)
            {
                return false;
            }
        }

        return true;
    }
}
