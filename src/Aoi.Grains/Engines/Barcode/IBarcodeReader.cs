using OpenCvSharp;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>Finds every symbol in one orientation of a greyscale picture. Implementations are thread-safe.</summary>
public interface IBarcodeReader
{
    /// <summary>All symbols found in <paramref name="grey"/> (8-bit, 1 channel), raw and unordered; empty on a miss.</summary>
    IReadOnlyList<DecodedBarcode> ReadAll(Mat grey);
}
