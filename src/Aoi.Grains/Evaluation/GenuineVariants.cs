using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>Renders <see cref="GenuineRecipe"/>s of a part image on its board scene and cuts the crops the server would.</summary>
public static class GenuineVariants
{
    public static Mat Render(BoardScene scene, Mat part, GenuineRecipe recipe, int seed)
    {
        var size = scene.RoiSize;
        Mat canvas = scene.Place(part, recipe.ShiftX * size.Width, recipe.ShiftY * size.Height);
        try
        {
            if (recipe.BlurSigma > 0)
            {
                Replace(ref canvas, ImageNuisance.Blur(canvas, recipe.BlurSigma));
            }

            if (recipe.Gain != 1.0 || recipe.Offset != 0)
            {
                Replace(ref canvas, ImageNuisance.GainOffset(canvas, recipe.Gain, recipe.Offset));
            }

            if (recipe.NoiseSigma > 0)
            {
                Replace(ref canvas, ImageNuisance.Noise(canvas, recipe.NoiseSigma, seed));
            }

            if (recipe.JpegQuality > 0)
            {
                Replace(ref canvas, ImageNuisance.Jpeg(canvas, recipe.JpegQuality));
            }

            return scene.Crop(canvas);
        }
        finally
        {
            canvas.Dispose();
        }
    }

    private static void Replace(ref Mat current, Mat next)
    {
        current.Dispose();
        current = next;
    }
}
