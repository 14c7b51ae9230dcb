using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>
/// A product (key: product name). Serialises every change to its configuration; the file in the legacy layout
/// is authoritative, the grain keeps a persisted copy and a version. ROI and colour configurations travel as the
/// legacy JSON documents they are (spec 2.6 keeps unknown keys as given), parsed and validated here.
/// </summary>
[Alias("aoi.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>A consistent snapshot of the enabled and disabled ROIs, or not-found / unusable (spec 2.5).</summary>
    Task<SnapshotResult> GetSnapshotAsync();

    /// <summary>Stored ROI objects as written, array entries converted (GET /api/products/p/rois).</summary>
    Task<StoredRois> GetStoredRoisAsync();

    /// <summary>Validate, normalise and atomically write a ROI list; delete the golden folders of removed ROIs (spec 2.6).</summary>
    Task<SaveRoisResult> SaveRoisAsync(JsonArray rois);

    /// <summary>Create a product from the template of spec 7.2.</summary>
    Task<ProductChangeResult> CreateAsync(int numDevices, string? description);

    /// <summary>Import a legacy product folder (config + golden_rois) as it is.</summary>
    [ResponseTimeout("00:02:00")]
    Task<ProductChangeResult> ImportAsync(string sourceFolder);

    /// <summary>Read the product colour ranges (GET /api/products/p/colors).</summary>
    Task<StoredColors> GetColorsAsync();

    /// <summary>Validate and atomically write colors_config_p.json from the ranges.</summary>
    Task<ProductChangeResult> SaveColorsAsync(JsonArray colorRanges);
}
