namespace Aoi.Grains.Imaging;

/// <summary>Picture decoding settings bound from "Aoi:Imaging".</summary>
public sealed class ImagingOptions
{
    public const string SectionName = "Aoi:Imaging";

    /// <summary>
    /// Pictures decoded (and held for cropping) at once per silo. A JPEG is decoded only where its ROIs are and holds a
    /// few MB; a picture of another format (or a JPEG the region decoder declines) is decoded whole, ~124 MB of BGR for
    /// 7716×5360, so this bounds the memory of concurrent inspections rather than their CPU use.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)] public int MaxConcurrentDecodes { get; set; } = 2;
}
