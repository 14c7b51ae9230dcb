namespace Aoi.Web.Security.Audit;

/// <summary>What an audited change touches, which decides what "before" and "after" record.</summary>
public enum AuditScope
{
    /// <summary>rois_config_p.json (create, import, ROI save): its text.</summary>
    ProductConfig,

    /// <summary>colors_config_p.json: its text.</summary>
    ColorConfig,

    /// <summary>golden_rois/roi_idx/: file names, sizes and SHA-256.</summary>
    GoldenFolder,

    /// <summary>golden/roi_idx_golden.jpg of the old single-golden store: name, size and SHA-256.</summary>
    LegacyGolden,

    /// <summary>All golden_rois/roi_* folders of the product (folder renames).</summary>
    GoldenLibrary,
}
