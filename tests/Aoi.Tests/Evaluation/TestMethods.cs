using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Tests.Evaluation;

/// <summary>
/// A trivially good method for a synthetic library: grey pixels compared by normalised cross-correlation after the
/// best shift within a few percent (exact content, so any real change of the part drops the score).
/// </summary>
public sealed class AlignedPixelNccMethod : ISimilarityMethod
{
    public string Name => "test-aligned-pixel-ncc";

    public ImageFeatures Extract(Mat bgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(bgr, grey, ColorConversionCodes.BGR2GRAY);
        using var floats = new Mat();
        grey.ConvertTo(floats, MatType.CV_32F);
        floats.GetArray(out float[] pixels);
        return new ImageFeatures([grey.Width, grey.Height, .. pixels]);
    }

    public double Score(ImageFeatures crop, ImageFeatures golden)
    {
        using var a = ToMat(crop);
        using var b = ToMat(golden);
        return ImageMeasures.AlignedNcc(a, b);
    }

    private static Mat ToMat(ImageFeatures features)
    {
        var v = features.Vector;
        var (w, h) = ((int)v[0], (int)v[1]);
        var mat = new Mat(h, w, MatType.CV_32FC1);
        mat.SetArray(v[2..].ToArray());
        return mat;
    }
}

/// <summary>A deliberately blind method: everything looks identical. The harness must report its escapes.</summary>
public sealed class BlindMethod : ISimilarityMethod
{
    public string Name => "test-blind";

    public ImageFeatures Extract(Mat bgr) => new([1f]);

    public double Score(ImageFeatures crop, ImageFeatures golden) => 1.0;
}
