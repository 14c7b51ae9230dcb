using ZXing;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>Barcode engine settings bound from "Aoi:Barcode" (spec 3.2).</summary>
public sealed class BarcodeOptions
{
    public const string SectionName = "Aoi:Barcode";

    /// <summary>
    /// ZXing format names tried on every crop. Every name costs time on each miss, and a miss is paid four times
    /// (one per orientation), so the default keeps only what a board label plausibly carries. FORMATS-MEASURED
    /// </summary>
    public string[] Formats { get; set; } =
    [
        "QR_CODE", "DATA_MATRIX", "CODE_128", "CODE_39", "CODE_93", "EAN_13", "EAN_8", "UPC_A", "UPC_E", "ITF",
        "PDF_417", "AZTEC", "CODABAR",
    ];

    /// <summary>The configured names as ZXing formats; throws naming the first unknown one.</summary>
    public IReadOnlyList<BarcodeFormat> ParseFormats()
    {
        if (Formats.Length == 0)
        {
            throw new ArgumentException($"{SectionName}:Formats must list at least one format");
        }

        // Only single symbologies: ZXing's composite flags (All_1D) are not understood by its format filter.
        return Formats.Select(name => Enum.TryParse<BarcodeFormat>(name.Trim(), ignoreCase: false, out var format)
                && Enum.GetNames<BarcodeFormat>().Contains(name.Trim())
                && int.IsPow2((int)format)
                ? format
                : throw new ArgumentException($"{SectionName}:Formats contains an unknown format '{name}'"))
            .Distinct()
            .ToArray();
    }
}
