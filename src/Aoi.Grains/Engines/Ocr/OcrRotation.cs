using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr;

/// <summary>
/// The ROI rotation convention of spec 3.4: degrees counter-clockwise, lossless quarter turns. 270 turns a tall
/// strip written bottom-to-top into a readable line (one quarter turn clockwise).
/// </summary>
public static class OcrRotation
{
    /// <summary>A new picture turned counter-clockwise by <paramref name="rotation"/>; null for 0 (use the crop as is).</summary>
    public static Mat? TurnCounterClockwise(Mat crop, int rotation)
    {
        RotateFlags? flag = rotation switch
        {
            0 => null,
            90 => RotateFlags.Rotate90Counterclockwise,
            180 => RotateFlags.Rotate180,
            270 => RotateFlags.Rotate90Clockwise,
            _ => throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "rotation must be one of 0, 90, 180, 270"),
        };
        if (flag is null)
        {
            return null;
        }

        var turned = new Mat();
        Cv2.Rotate(crop, turned, flag.Value);
        return turned;
    }
}
