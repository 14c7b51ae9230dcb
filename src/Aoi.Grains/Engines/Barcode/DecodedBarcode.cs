namespace Aoi.Grains.Engines.Barcode;

/// <summary>
/// One symbol found by a reader: raw text, ZXing format name and the top/left of its result points in the
/// orientation that was read (the reading-order key of spec 3.2 step 3).
/// </summary>
public sealed record DecodedBarcode(string Text, string Format, float Top, float Left);
