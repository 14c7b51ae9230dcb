namespace Aoi.Grains.Interfaces;

/// <summary>
/// A product (key: product name). Serialises every change to its configuration; the file in the legacy layout
/// is authoritative, the grain keeps a persisted copy and a version.
/// </summary>
[Alias("aoi.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>A consistent snapshot of the enabled and disabled ROIs, or not-found / unusable (spec 2.5).</summary>
    Task<SnapshotResult> GetSnapshotAsync();

    /// <summary>Stored ROI objects as written, array entries converted (GET /api/products/p/rois); JSON in Payload.</summary>
    Task<ProductCommandResult> GetStoredRoisAsync();

    /// <summary>Validate, normalise, atomically write a ROI list given as a JSON array text (spec 2.6).</summary>
    Task<SaveRoisResult> SaveRoisAsync(string roisJson);

    /// <summary>Create a product from the template of spec 7.2.</summary>
    Task<ProductCommandResult> CreateAsync(int numDevices, string? description);

    /// <summary>Import a legacy product folder (config + golden_rois) as it is.</summary>
    Task<ProductCommandResult> ImportAsync(string sourceFolder);

    /// <summary>Read the product colour ranges (GET /api/products/p/colors); JSON array in Payload.</summary>
    Task<ProductCommandResult> GetColorsAsync();

    /// <summary>Validate and atomically write colors_config_p.json from a JSON array of ranges.</summary>
    Task<ProductCommandResult> SaveColorsAsync(string colorRangesJson);
}
