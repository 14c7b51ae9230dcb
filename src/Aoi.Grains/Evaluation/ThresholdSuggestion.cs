using System.Globalization;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Margin between what must pass and what must fail, and the threshold in the middle of the gap. A crop passes at
/// threshold t iff its best score ≥ t, so any t in (defect max, genuine min] separates them perfectly; the midpoint
/// leaves equal room on both sides.
/// </summary>
public static class ThresholdSuggestion
{
    public static (double? Margin, double? Suggested, string? Note) From(double? genuineMin, double? defectMax)
    {
        if (genuineMin is not { } g || defectMax is not { } d)
        {
            return (null, null, genuineMin is null
                ? "no genuine crop scored: no margin"
                : "no defect scored: no margin");
        }

        var margin = g - d;
        if (margin <= 0)
        {
            return (margin, null, string.Create(CultureInfo.InvariantCulture,
                $"genuine and defect scores overlap (genuine min {g:F4} ≤ defect max {d:F4}): no threshold separates them"));
        }

        return (margin, Math.Clamp((g + d) / 2.0, 0.0, 1.0), null);
    }
}
