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
                // Only where it can reach the crop: the ROI plus one JPEG block, which re-encoding may mix in.
                var reach = Inflate(scene.RoiRect, 8, canvas.Size());
                using var region = new Mat(canvas, reach);
                using var noisy = ImageNuisance.Noise(region, recipe.NoiseSigma, seed);
                noisy.CopyTo(region);
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

    private static Rect Inflate(Rect rect, int by, Size bounds)
    {
        var x = Math.Max(0, rect.X - by);
        var y = Math.Max(0, rect.Y - by);
        return new Rect(x, y, Math.Min(bounds.Width, rect.Right + by) - x, Math.Min(bounds.Height, rect.Bottom + by) - y);
    }

    private static void Replace(ref Mat current, Mat next)
    {
        current.Dispose();
        current = next;
    }
}
