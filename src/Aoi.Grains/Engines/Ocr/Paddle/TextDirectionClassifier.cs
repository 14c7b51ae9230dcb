using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>PaddleOCR's 0°/180° line classifier: tells lines read upside down, so they can be turned before recognition.</summary>
public sealed class TextDirectionClassifier(OnnxModel model)
{
    private const int Height = 48;
    private const int Width = 192;
    private const double UpsideDownThreshold = 0.9;

    /// <summary>Probability that the line is upside down (class "180").</summary>
    public double UpsideDownProbability(Mat line)
    {
        var tensor = LineInput.Build(line, Height, Width, out _, Width);
        var output = model.Run(tensor, [1, 3, Height, Width]);
        return output.Values[1];
    }

    /// <summary>
    /// One decision for the whole picture, each line's vote weighted by its width: an ROI shows one label, and a
    /// short word alone is ambiguous ("SN" turned over reads "NS") while the long lines beside it are not.
    /// </summary>
    public bool IsUpsideDown(IReadOnlyList<Mat> lines)
    {
        double weighted = 0, total = 0;
        foreach (var line in lines)
        {
            weighted += UpsideDownProbability(line) * line.Cols;
            total += line.Cols;
        }

        return total > 0 && weighted / total >= UpsideDownThreshold;
    }
}
