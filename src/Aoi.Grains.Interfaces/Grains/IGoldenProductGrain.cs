namespace Aoi.Grains.Interfaces;

/// <summary>
/// Product-wide golden library changes that span several ROI folders (key: product name). Serialises them per product
/// and takes the affected folders' golden library grains in ascending idx order while it works.
/// </summary>
[Alias("aoi.IGoldenProductGrain")]
public interface IGoldenProductGrain : IGrainWithStringKey
{
    /// <summary>Renames roi_&lt;old&gt; to roi_&lt;new&gt; for every pair, in two phases so that swaps work (spec 4.4).</summary>
    [ResponseTimeout("00:02:00")]
    Task<GoldenRenameResult> RenameFoldersAsync(Dictionary<int, int> mapping);
}
