using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>PaddleOCR's 0°/180° line classifier: tells a line read upside down, so it can be turned before recognition.</summary>
public sealed class TextDirectionClassifier(OnnxModel model)
{
    private const int Height = 48;
    private const int Width = 192;
    private const double UpsideDownThreshold = 0.9;

    public bool IsUpsideDown(Mat line)
    {
        var tensor = LineInput.Build(line, Height, Width, out _, Width);
        var output = model.Run(tensor, [1, 3, Height, Width]);
        // Two classes: index 0 = "0", index 1 = "180".
        return output.Values[1] > output.Values[0] && output.Values[1] >= UpsideDownThreshold;
    }
}
