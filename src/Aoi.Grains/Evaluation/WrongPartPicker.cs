using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Chooses wrong parts for a ROI among the best goldens of the product's other compare ROIs: resized to this ROI's
/// size, they must be visibly different (aligned NCC with this ROI's best below the limit), so a second ROI holding
/// the same component type is never used as a "wrong" part. The hardest one (highest NCC under the limit) comes
/// first, then the others spread over the remaining range, all in a deterministic order.
/// </summary>
public static class WrongPartPicker
{
    public static List<WrongPartSource> Pick(Mat best, IReadOnlyList<(string Name, Mat Image)> others, double maxNcc, int count)
    {
        var candidates = new List<WrongPartSource>();
        foreach (var (name, image) in others)
        {
            var resized = new Mat();
            Cv2.Resize(image, resized, best.Size(), 0, 0, InterpolationFlags.Area);
            var ncc = ImageMeasures.AlignedNcc(best, resized);
            if (ncc < maxNcc)
            {
                candidates.Add(new WrongPartSource(name, resized, ncc));
            }
            else
            {
                resized.Dispose();
            }
        }

        var ordered = candidates.OrderByDescending(c => c.Ncc).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var chosen = new List<WrongPartSource>();
        for (var k = 0; k < Math.Min(count, ordered.Count); k++)
        {
            chosen.Add(ordered[count <= 1 ? 0 : (int)((long)k * (ordered.Count - 1) / (count - 1))]);
        }

        foreach (var unused in ordered.Except(chosen))
        {
            unused.Image.Dispose();
        }

        return chosen.Distinct().ToList();
    }
}
