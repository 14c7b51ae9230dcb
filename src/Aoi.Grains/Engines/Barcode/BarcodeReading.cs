namespace Aoi.Grains.Engines.Barcode;

/// <summary>Cleaned values (trimmed, no blanks, no duplicates) in reading order, with their format names.</summary>
public sealed record BarcodeReading(string[] Values, string[] Formats)
{
    public static readonly BarcodeReading Empty = new([], []);
}
