using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>PP-OCRv4 CTC recognition of one line image at height 48 (the model's trained height).</summary>
public sealed class TextLineRecognizer(OnnxModel model, CtcAlphabet alphabet)
{
    private const int Height = 48;
    // The model was trained at 48x320; narrower lines are padded to it, longer ones keep their ratio up to a bound.
    private const int MinWidth = 320;
    private const int MaxWidth = 3200;

    public OcrLine Recognize(Mat line)
    {
        var tensor = LineInput.Build(line, Height, MaxWidth, out var width, MinWidth);
        var output = model.Run(tensor, [1, 3, Height, width]);
        var timeSteps = (int)output.Shape[1];
        if (output.Shape[2] != alphabet.ClassCount)
        {
            throw new InvalidDataException($"recognition output has {output.Shape[2]} classes, expected {alphabet.ClassCount}");
        }

        return alphabet.Decode(output.Values, timeSteps);
    }
}
