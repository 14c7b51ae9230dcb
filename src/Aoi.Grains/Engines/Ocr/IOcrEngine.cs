using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr;

/// <summary>
/// Reads the text lines of an upright BGR picture. The evaluator turns the crop first (spec 3.4), so an engine
/// never sees the ROI's rotation; it may still fix upside-down lines itself.
/// </summary>
public interface IOcrEngine
{
    /// <summary>Recognised lines in reading order (top to bottom, left to right); empty when there is no text.</summary>
    IReadOnlyList<OcrLine> Read(Mat image, CancellationToken cancellationToken);
}
