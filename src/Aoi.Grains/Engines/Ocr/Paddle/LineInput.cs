using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// Line-image input shared by the direction classifier and the recogniser: fixed height, aspect ratio kept,
/// values scaled to -1..1, right side zero-padded up to the tensor width.
/// </summary>
public static class LineInput
{
    private static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    public static float[] Build(Mat line, int height, int maxWidth, out int tensorWidth, int minTensorWidth)
    {
        var resizedWidth = Math.Clamp((int)Math.Ceiling(height * (double)line.Cols / line.Rows), 1, maxWidth);
        tensorWidth = Math.Max(resizedWidth, minTensorWidth);
        using var resized = new Mat();
        // Small text is enlarged here (line height up to 48 px); cubic keeps thin strokes from blurring away.
        var interpolation = line.Rows < height ? InterpolationFlags.Cubic : InterpolationFlags.Linear;
        Cv2.Resize(line, resized, new Size(resizedWidth, height), 0, 0, interpolation);
        return PaddleTensor.FromBgr(resized, Half, Half, tensorWidth);
    }
}
