namespace Aoi.Grains.Grains;

/// <summary>
/// Persisted backup of a product's recipe. The files in the product root stay authoritative; this copy lets the
/// grain put them back when they disappear. Stored as JSON with property names and the type name: do not rename.
/// </summary>
[GenerateSerializer, Alias("aoi.ProductState")]
public sealed class ProductState
{
    /// <summary>Text of rois_config_p.json as last saved, imported, created or seen on disk; null before the first one.</summary>
    [Id(0)] public string? ConfigJson { get; set; }

    /// <summary>Text of colors_config_p.json at the same moment; null when the product has no colour file.</summary>
    [Id(1)] public string? ColorsJson { get; set; }

    /// <summary>Configuration generation: +1 on every save, import, create and every change found on disk.</summary>
    [Id(2)] public long Version { get; set; }

    /// <summary>When the backup last changed.</summary>
    [Id(3)] public DateTimeOffset UpdatedAt { get; set; }
}
