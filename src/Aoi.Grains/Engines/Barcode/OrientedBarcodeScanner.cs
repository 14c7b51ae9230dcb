using OpenCvSharp;

namespace Aoi.Grains.Engines.Barcode;

/// <summary>
/// Spec 3.2 steps 1–4 around a reader: greyscale, the four orientations in the order 0, 90, 180, 270 (stopping at
/// the first that yields a value), then trimming, dropping blanks and duplicates in reading order.
/// </summary>
public sealed class OrientedBarcodeScanner(IBarcodeReader reader)
{
    // Counter-clockwise, the direction ROI rotation uses elsewhere in the spec; null = as captured.
    private static readonly RotateFlags?[] Orientations =
        [null, RotateFlags.Rotate90Counterclockwise, RotateFlags.Rotate180, RotateFlags.Rotate90Clockwise];

    /// <summary>Reads a BGR (or greyscale) crop; <see cref="BarcodeReading.Empty"/> when no orientation yields a value.</summary>
    public BarcodeReading Scan(Mat crop, CancellationToken cancellationToken = default)
    {
        using var grey = ToGrey(crop);
        foreach (var orientation in Orientations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BarcodeReading reading;
            if (orientation is { } flags)
            {
                using var turned = new Mat();
                Cv2.Rotate(grey, turned, flags);
                reading = Clean(reader.ReadAll(turned));
            }
            else
            {
                reading = Clean(reader.ReadAll(grey));
            }

            if (reading.Values.Length > 0)
            {
                return reading;
            }
        }

        return BarcodeReading.Empty;
    }

    internal static BarcodeReading Clean(IReadOnlyList<DecodedBarcode> symbols)
    {
        var values = new List<string>();
        var formats = new List<string>();
        // OrderBy is stable, so symbols on the same top edge keep the reader's order only after the left-edge key.
        foreach (var symbol in symbols.OrderBy(s => s.Top).ThenBy(s => s.Left))
        {
            var value = symbol.Text.Trim();
            if (value.Length == 0 || values.Contains(value, StringComparer.Ordinal))
            {
                continue;
            }

            values.Add(value);
            formats.Add(symbol.Format);
        }

        return values.Count == 0 ? BarcodeReading.Empty : new BarcodeReading([.. values], [.. formats]);
    }

    private static Mat ToGrey(Mat crop)
    {
        var grey = new Mat();
        switch (crop.Channels())
        {
            case 1:
                crop.CopyTo(grey);
                break;
            case 3:
                Cv2.CvtColor(crop, grey, ColorConversionCodes.BGR2GRAY);
                break;
            case 4:
                Cv2.CvtColor(crop, grey, ColorConversionCodes.BGRA2GRAY);
                break;
            default:
                grey.Dispose();
                throw new ArgumentException($"unsupported crop with {crop.Channels()} channels", nameof(crop));
        }

        return grey;
    }
}
