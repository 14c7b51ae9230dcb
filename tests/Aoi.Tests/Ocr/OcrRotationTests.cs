using OpenCvSharp;

namespace Aoi.Tests.Ocr;

/// <summary>Spec 3.4 step 1 and conformance case 32: which picture the engine receives for each rotation.</summary>
public sealed class OcrRotationTests
{
    // Text "AB" written left to right, then the canvas turned counter-clockwise: a tall strip read bottom-to-top.
    private static Mat Horizontal() => LabelRenderer.Fitted("AB12", HersheyFonts.HersheySimplex, 2, LabelRenderer.Dark, LabelRenderer.Light, 442, 102);

    [Fact]
    public async Task Rotation270TurnsABottomToTopStripClockwiseIntoTheHorizontalLine()
    {
        using var horizontal = Horizontal();
        using var strip = new Mat();
        Cv2.Rotate(horizontal, strip, RotateFlags.Rotate90Counterclockwise);
        using var engine = new StubOcrEngine();

        await OcrRois.Evaluate(engine, strip, rotation: 270);

        Assert.Equal(new Size(442, 102), engine.Received!.Size());
        AssertSamePixels(horizontal, engine.Received);
    }

    [Fact]
    public async Task Rotation90TurnsCounterClockwise()
    {
        using var horizontal = Horizontal();
        using var strip = new Mat();
        Cv2.Rotate(horizontal, strip, RotateFlags.Rotate90Counterclockwise);
        using var expected = new Mat();
        Cv2.Rotate(horizontal, expected, RotateFlags.Rotate180);
        using var engine = new StubOcrEngine();

        await OcrRois.Evaluate(engine, strip, rotation: 90);

        AssertSamePixels(expected, engine.Received!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(180)]
    public async Task Rotation0KeepsAndRotation180TurnsOver(int rotation)
    {
        using var horizontal = Horizontal();
        using var expected = new Mat();
        if (rotation == 0)
        {
            horizontal.CopyTo(expected);
        }
        else
        {
            Cv2.Flip(horizontal, expected, FlipMode.XY);
        }

        using var engine = new StubOcrEngine();

        await OcrRois.Evaluate(engine, horizontal, rotation: rotation);

        AssertSamePixels(expected, engine.Received!);
    }

    [Fact]
    public async Task TheCallersCropIsNotTurned()
    {
        using var horizontal = Horizontal();
        using var strip = new Mat();
        Cv2.Rotate(horizontal, strip, RotateFlags.Rotate90Counterclockwise);
        using var before = strip.Clone();
        using var engine = new StubOcrEngine();

        await OcrRois.Evaluate(engine, strip, rotation: 270);

        AssertSamePixels(before, strip);
    }

    private static void AssertSamePixels(Mat expected, Mat actual)
    {
        Assert.Equal(expected.Size(), actual.Size());
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        Assert.Equal(0, Cv2.CountNonZero(difference.Reshape(1)));
    }
}
