using Aoi.Grains.Options;

namespace Aoi.Grains.Products;

/// <summary>
/// Reads and writes product configurations in the legacy folder layout (spec 2, 4.1, 7.2). Callers serialise
/// changes per product (the product grain); this class does the file work and validation.
/// </summary>
public sealed class ProductConfigStore(AoiPaths paths)
{
    public AoiPaths Paths => paths;

    /// <summary>Load the stored configuration: snapshot, not found, or unusable (422 messages) — spec 2.5.</summary>
    public SnapshotResult LoadSnapshot(string productName) => throw new NotImplementedException();

    /// <summary>Stored ROI objects as written (array entries converted to objects with defaults), JSON array text in Payload.</summary>
    public ProductCommandResult ReadStoredRois(string productName) => throw new NotImplementedException();

    /// <summary>Spec 2.6: validate, normalise, atomic write, delete golden folders of removed idx.</summary>
    public SaveRoisResult SaveRois(string productName, string roisJson) => throw new NotImplementedException();

    /// <summary>Spec 7.2 create template.</summary>
    public ProductCommandResult Create(string productName, int numDevices, string? description) => throw new NotImplementedException();

    /// <summary>Copy a legacy product folder (config + golden_rois + colour file) as it is, then validate it.</summary>
    public ProductCommandResult Import(string productName, string sourceFolder) => throw new NotImplementedException();

    /// <summary>GET colours: Payload = JSON array of ranges; Message set when there is no file.</summary>
    public ProductCommandResult ReadColors(string productName) => throw new NotImplementedException();

    /// <summary>POST colours: validate (2.4 range rules) and write colors_config_p.json atomically.</summary>
    public ProductCommandResult SaveColors(string productName, string colorRangesJson) => throw new NotImplementedException();

    /// <summary>Names of existing products (folders with rois_config_p.json), sorted ordinal.</summary>
    public IReadOnlyList<string> ListProducts() => throw new NotImplementedException();
}
