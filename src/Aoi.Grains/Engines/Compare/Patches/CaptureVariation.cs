using Aoi.Grains.Evaluation;
using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare.Patches;

/// <summary>
/// The capture variation a ROI's model is taught to tolerate beyond what its own goldens show: copies of a golden
/// shifted by 6 % (the board moved in the fixture), turned by 2.5° with a smaller shift, defocused, lit 18 % brighter
/// and darker, and re-encoded noisy. A library of one or two goldens shows nothing of how its captures vary, so it is
/// taught the wider variation real captures of such parts show (<see cref="Strength.Wide"/>: shifts of 10 %, 4°,
/// stronger defocus and light changes), as measured on the shared products' unseen captures. Shifted and turned copies take their surroundings from the golden's mirrored
/// outer band (<see cref="BoardScene"/>). Never a defect: nothing is removed, covered, swapped or turned over. The
/// accuracy benchmark's nuisance recipes (spec 3.6) are separate code with other values, so it does not test the
/// model on what it was taught.
/// </summary>
public static class CaptureVariation
{
    public const int Count = 10;

    public enum Strength
    {
        /// <summary>For libraries whose own captures show how they vary.</summary>
        Usual,

        /// <summary>For libraries of one or two goldens.</summary>
        Wide,
    }

    /// <summary>The <see cref="Count"/> variants of a golden at the ROI size; the caller disposes them.</summary>
    public static List<Mat> Of(Mat golden, int seed, Strength strength = Strength.Usual)
    {
        var scene = new BoardScene(golden.Size());
        var (w, h) = (golden.Width, golden.Height);
        var wide = strength == Strength.Wide;
        var (shift, diagonalX, diagonalY, turn) = wide ? (0.10, 0.07, 0.07, 4.0) : (0.06, 0.03, 0.04, 2.5);
        var (blur, bright, dark, noise, quality) = wide ? (1.6, 1.25, 0.75, 5.0, 75) : (1.1, 1.18, 0.82, 4.0, 80);
        var variants = new List<Mat>(Count)
        {
            scene.Cut(golden, shift * w, 0, 0),
            scene.Cut(golden, -shift * w, 0, 0),
            scene.Cut(golden, 0, shift * h, 0),
            scene.Cut(golden, 0, -shift * h, 0),
            scene.Cut(golden, diagonalX * w, -diagonalY * h, turn),
            scene.Cut(golden, -diagonalX * w, diagonalY * h, -turn),
            ImageNuisance.Blur(golden, blur),
            ImageNuisance.GainOffset(golden, bright, 0),
            ImageNuisance.GainOffset(golden, dark, 0),
        };
        using (var noisy = ImageNuisance.Noise(golden, noise, seed))
        {
            variants.Add(ImageNuisance.Jpeg(noisy, quality));
        }

        return variants;
    }
}
