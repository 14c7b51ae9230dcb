using Aoi.Grains.Engines.Ocr;
using Aoi.Grains.Engines.Ocr.Paddle;
using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Greedy CTC decoding and reading order, the pure parts of the PP-OCRv4 pipeline.</summary>
public sealed class CtcAlphabetTests
{
    // Classes: 0 blank, 1 'A', 2 'B', 3 space.
    private static readonly CtcAlphabet Alphabet = new(["A", "B"]);

    [Fact]
    public void MergesRepeatsDropsBlanksAndAveragesKeptProbabilities()
    {
        // Steps: A(0.9) A(0.8) blank A(0.7) space(0.6) B(1.0) -> "AA B"; kept 0.9, 0.7, 0.6, 1.0.
        float[] steps =
        [
            0.1f, 0.9f, 0, 0,
            0.2f, 0.8f, 0, 0,
            0.9f, 0.1f, 0, 0,
            0.3f, 0.7f, 0, 0,
            0.4f, 0, 0, 0.6f,
            0, 0, 1.0f, 0,
        ];

        var line = Alphabet.Decode(steps, 6);

        Assert.Equal("AA B", line.Text);
        Assert.Equal((0.9 + 0.7 + 0.6 + 1.0) / 4, line.Confidence, 6);
        Assert.Equal(4, Alphabet.ClassCount);
    }

    [Fact]
    public void OnlyBlanksGiveNoTextAndZeroConfidence()
    {
        var line = Alphabet.Decode(new float[] { 1, 0, 0, 0, 0.9f, 0.1f, 0, 0 }, 2);

        Assert.Equal(new OcrLine("", 0.0), line);
    }

    [Fact]
    public void ReadingOrderIsTopToBottomThenLeftToRightWithinALine()
    {
        Point2f[] Box(float x, float y) => [new(x, y), new(x + 50, y), new(x + 50, y + 20), new(x, y + 20)];
        var right = Box(200, 12);
        var left = Box(10, 15);
        var below = Box(5, 60);

        var order = ReadingOrder.Sort([below, right, left]);

        Assert.Equal([left, right, below], order);
    }
}
