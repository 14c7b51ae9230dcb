namespace Aoi.Grains.History;

/// <summary>Turns raw counts into the yield report; rates are fractions 0..1 rounded to 4 decimals.</summary>
public static class YieldCalculator
{
    public const int DefaultTopFailing = 10;

    public static YieldReport Compute(YieldCounts counts, int topFailing = DefaultTopFailing)
    {
        var products = counts.Days.GroupBy(d => d.Product)
            .Select(g => new ProductYield(g.Key, g.Sum(d => d.Inspections), g.Sum(d => d.Passed), Rate(g.Sum(d => d.Passed), g.Sum(d => d.Inspections))))
            .OrderBy(p => p.Product, StringComparer.Ordinal)
            .ToList();
        var days = counts.Days
            .Select(d => new DayYield(d.Product, d.Day, d.Inspections, d.Passed, Rate(d.Passed, d.Inspections)))
            .OrderBy(d => d.Product, StringComparer.Ordinal).ThenBy(d => d.Day, StringComparer.Ordinal)
            .ToList();
        var failuresPerProduct = counts.Rois.GroupBy(r => r.Product).ToDictionary(g => g.Key, g => g.Sum(r => r.Failed));
        var rois = counts.Rois
            .Select(r => new RoiYield(r.Product, r.RoiId, r.RoiType, r.Total, r.Failed, Rate(r.Total - r.Failed, r.Total),
                Rate(r.Failed, failuresPerProduct[r.Product])))
            .OrderBy(r => r.Product, StringComparer.Ordinal).ThenBy(r => r.RoiId)
            .ToList();
        var top = rois.Where(r => r.Failed > 0)
            .OrderByDescending(r => r.Failed).ThenBy(r => r.PassRate).ThenBy(r => r.Product, StringComparer.Ordinal).ThenBy(r => r.RoiId)
            .Take(topFailing)
            .ToList();
        return new YieldReport(products, days, rois, top);
    }

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
