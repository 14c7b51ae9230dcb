using ZXing;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>Barcode engine settings bound from "Aoi:Barcode" (spec 3.2).</summary>
public sealed class BarcodeOptions
{
    public const string SectionName = "Aoi:Barcode";

    /// <summary>
    /// ZXing format names tried on every crop. A miss is the expensive case (every reader scans the crop, four
    /// orientations), and its cost grows with each format. Measured here on 640×400 crops of real board texture
    /// (golden captures of products 20006498/20007325, no symbol), four orientations, 2 shared cores:
    /// all 13 formats 84–101 ms; without CODABAR and ITF 38–42 ms; QR_CODE+DATA_MATRIX+CODE_128 only 17–20 ms
    /// (under heavy load the same three cost 323 / 243 / 111 ms). CODABAR and ITF are dropped by default: they alone
    /// roughly double the miss, have weak or no check digits (the usual source of false reads on textures), and are
    /// not used for board identifiers. The other eleven stay, so labels from suppliers (EAN/UPC, PDF417, Aztec)
    /// still read. None of the 13 produced a false read on 266 real golden crops. Add names under Aoi:Barcode:Formats.
    /// </summary>
    public string[] Formats { get; set; } =
    [
        "QR_CODE", "DATA_MATRIX", "CODE_128", "CODE_39", "CODE_93", "EAN_13", "EAN_8", "UPC_A", "UPC_E", "PDF_417",
        "AZTEC",
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
