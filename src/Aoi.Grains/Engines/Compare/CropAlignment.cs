using OpenCvSharp;

namespace Aoi.Grains.Engines.Compare;

/// <summary>
/// Where the crop's content sits in the golden: the integer offset (Dx, Dy) within ±margin that maximises the
/// normalised cross-correlation (zero-mean, so gain and offset changes do not move it) between the crop's interior
/// and the golden. Crop pixel p corresponds to golden pixel p + (Dx, Dy).
/// </summary>
public readonly record struct CropAlignment(int Dx, int Dy, double Correlation)
{
    /// <summary>Searches ±marginX/±marginY pixels; both images are single-channel float of the same size.</summary>
    public static CropAlignment Find(Mat crop, Mat golden, int marginX, int marginY)
    {
        marginX = Math.Clamp(marginX, 0, (crop.Width - 1) / 2 - 1);
        marginY = Math.Clamp(marginY, 0, (crop.Height - 1) / 2 - 1);
        if (marginX <= 0 && marginY <= 0)
        {
            return new CropAlignment(0, 0, 0.0);
        }

        marginX = Math.Max(marginX, 0);
        marginY = Math.Max(marginY, 0);
        // The interior excludes the margin, where a shifted crop shows whatever lay beside the part.
        using var template = new Mat(crop, new Rect(marginX, marginY, crop.Width - 2 * marginX, crop.Height - 2 * marginY));
        using var scores = new Mat();
        Cv2.MatchTemplate(golden, template, scores, TemplateMatchModes.CCoeffNormed);
        scores.GetArray(out float[] values);

        // Highest score wins; ties keep the smallest shift so a featureless pair stays unshifted (deterministic).
        var (rows, cols) = (scores.Rows, scores.Cols);
        var best = (Dx: 0, Dy: 0, Score: float.NegativeInfinity, Distance: int.MaxValue);
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < cols; x++)
            {
                var score = values[y * cols + x];
                if (float.IsNaN(score))
                {
                    continue;
                }

                var (dx, dy) = (x - marginX, y - marginY);
                var distance = dx * dx + dy * dy;
                if (score > best.Score || (score == best.Score && distance < best.Distance))
                {
                    best = (dx, dy, score, distance);
                }
            }
        }

        return float.IsNegativeInfinity(best.Score) ? new CropAlignment(0, 0, 0.0) : new CropAlignment(best.Dx, best.Dy, best.Score);
    }

    /// <summary>The rectangles of crop and golden that overlap under this offset (same size).</summary>
    public (Rect Crop, Rect Golden) Overlap(Size size)
    {
        var width = size.Width - Math.Abs(Dx);
        var height = size.Height - Math.Abs(Dy);
        var crop = new Rect(Math.Max(0, -Dx), Math.Max(0, -Dy), width, height);
        return (crop, new Rect(crop.X + Dx, crop.Y + Dy, width, height));
    }
}
