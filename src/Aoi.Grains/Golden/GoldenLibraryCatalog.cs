using System.Globalization;
using Aoi.Grains.Products;

namespace Aoi.Grains.Golden;

/// <summary>
/// Read-only overview of the golden libraries under the product root: only roi_&lt;int&gt; folders holding at least one
/// jpg count (temporary, replaced or foreign folders do not), products sorted by name, ROI ids ascending.
/// </summary>
public sealed class GoldenLibraryCatalog(string productRoot)
{
    public IReadOnlyList<GoldenProductSummary> Products()
    {
        var root = new DirectoryInfo(productRoot);
        if (!root.Exists)
        {
            return [];
        }

        var products = new List<GoldenProductSummary>();
        foreach (var product in root.EnumerateDirectories().Where(d => ProductNames.IsValid(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var rois = new List<int>();
            var samples = 0;
            long size = 0;
            var goldenRoot = new DirectoryInfo(Path.Combine(product.FullName, "golden_rois"));
            if (!goldenRoot.Exists)
            {
                continue;
            }

            foreach (var folder in goldenRoot.EnumerateDirectories())
            {
                if (RoiId(folder.Name) is not { } idx)
                {
                    continue;
                }

                var jpgs = folder.EnumerateFiles().Where(f => GoldenSampleNames.IsJpg(f.Name)).ToList();
                if (jpgs.Count > 0)
                {
                    rois.Add(idx);
                    samples += jpgs.Count;
                    size += jpgs.Sum(f => f.Length);
                }
            }

            if (rois.Count > 0)
            {
                products.Add(new GoldenProductSummary(product.Name, [.. rois.Order()], samples, size));
            }
        }

        return products;
    }

    /// <summary>The idx of a "roi_&lt;int&gt;" folder name (digits only, ≥ 1), else null.</summary>
    public static int? RoiId(string folderName) =>
        folderName.StartsWith("roi_", StringComparison.Ordinal)
        && folderName.Length > 4
        && folderName.AsSpan(4).IndexOfAnyExceptInRange('0', '9') < 0
        && int.TryParse(folderName.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var idx)
        && idx >= 1
            ? idx
            : null;
}
