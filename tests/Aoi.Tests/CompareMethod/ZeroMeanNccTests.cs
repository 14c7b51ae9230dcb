using Aoi.Grains.Engines.Compare.Patches;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>The patch method's direct template search scores what OpenCV's TM_CCOEFF_NORMED scores, and finds the same place.</summary>
public sealed class ZeroMeanNccTests
{
    [Theory]
    [InlineData(28, 56, 5, 11, 1)]
    [InlineData(40, 20, 8, 4, 2)]
    [InlineData(112, 14, 22, 3, 3)]
    [InlineData(9, 9, 2, 2, 4)]
    public void ScoresMatchOpenCvsMatchTemplate(int width, int height, int marginX, int marginY, int seed)
    {
        var (source, image) = (Textured(width, height, seed), Textured(width, height, seed + 100));
        // The image is the source moved by a few pixels plus noise, as a capture is to its golden.
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = (Math.Clamp(x + 2, 0, width - 1), Math.Clamp(y - 1, 0, height - 1));
                image[y * width + x] = 0.8f * source[sy * width + sx] + 0.2f * image[y * width + x];
            }
        }

        var rect = (marginX, marginY, width - 2 * marginX, height - 2 * marginY);
        var scores = ZeroMeanNcc.Map(source, width, height, image, width, rect, 1e-3);

        using var sourceMat = Mat(source, width, height);
        using var imageMat = Mat(image, width, height);
        using var template = new Mat(imageMat, new Rect(marginX, marginY, rect.Item3, rect.Item4));
        using var expected = new Mat();
        Cv2.MatchTemplate(sourceMat, template, expected, TemplateMatchModes.CCoeffNormed);
        Assert.NotNull(scores);
        Assert.Equal(expected.Width * expected.Height, scores.Length);
        expected.GetArray(out float[] reference);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - scores[i]) < 1e-4, $"offset {i}: OpenCV {reference[i]}, direct {scores[i]}");
        }

        Cv2.MinMaxLoc(expected, out _, out _, out _, out var at);
        var (bx, by, _) = ZeroMeanNcc.Best(scores, expected.Width, 0, 0, expected.Width, expected.Height);
        Assert.Equal((at.X, at.Y), (bx, by));
    }

    [Fact]
    public void AFlatTemplateHasNoScores()
    {
        var flat = Enumerable.Repeat(120f, 30 * 20).ToArray();
        Assert.Null(ZeroMeanNcc.Map(Textured(30, 20, 7), 30, 20, flat, 30, (6, 4, 18, 12), 1e-3));
    }

    [Fact]
    public void AFlatWindowScoresZeroAsInOpenCv()
    {
        // The left half of the source is flat: windows that lie in it have no variance to normalise by.
        var source = Textured(40, 20, 9);
        for (var y = 0; y < 20; y++)
        {
            Array.Fill(source, 80f, y * 40, 20);
        }

        var image = Textured(40, 20, 10);
        var scores = ZeroMeanNcc.Map(source, 40, 20, image, 40, (12, 4, 8, 12), 1e-3)!;
        using var sourceMat = Mat(source, 40, 20);
        using var imageMat = Mat(image, 40, 20);
        using var template = new Mat(imageMat, new Rect(12, 4, 8, 12));
        using var expected = new Mat();
        Cv2.MatchTemplate(sourceMat, template, expected, TemplateMatchModes.CCoeffNormed);
        expected.GetArray(out float[] reference);
        Assert.Equal(0, scores[0]);
        Assert.True(Math.Abs(reference[0]) < 1e-4, $"OpenCV scored the flat window {reference[0]}");
    }

    private static float[] Textured(int width, int height, int seed)
    {
        var random = new Random(seed);
        var values = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                values[y * width + x] = (float)(128 + 60 * Math.Sin(x * 0.7 + seed) * Math.Cos(y * 0.45) + random.Next(-20, 20));
            }
        }

        return values;
    }

    private static Mat Mat(float[] values, int width, int height)
    {
        var mat = new Mat(height, width, MatType.CV_32FC1);
        mat.SetArray(values);
        return mat;
    }
}
