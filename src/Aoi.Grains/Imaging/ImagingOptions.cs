namespace Aoi.Grains.Imaging;

/// <summary>Picture decoding settings bound from "Aoi:Imaging".</summary>
public sealed class ImagingOptions
{
    public const string SectionName = "Aoi:Imaging";

    /// <summary>
    /// Full frames decoded (and held for cropping) at once per silo. A 7716×5360 frame is ~124 MB of BGR, so this
    /// bounds the memory of concurrent inspections rather than their CPU use.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)] public int MaxConcurrentDecodes { get; set; } = 2;
}
