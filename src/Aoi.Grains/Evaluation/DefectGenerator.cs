using System.Globalization;
using OpenCvSharp;

namespace Aoi.Grains.Evaluation;

/// <summary>
/// Synthetic defects of spec 3.6 built from the best golden on its board scene, cut at the configured coordinates:
/// <list type="bullet">
/// <item>missing part: the centre of the ROI (the middle 70 % of each side) inpainted from the ROI's own border, plus
/// sensor noise, i.e. bare board where the part was;</item>
/// <item>wrong part: the best golden of other compare ROIs (chosen by the caller as visibly different) at this size;</item>
/// <item>turned 180°: the part rotated in place, skipped when the part already looks the same turned (aligned NCC of
/// the golden with its own 180° rotation ≥ <see cref="SymmetryNcc"/>);</item>
/// <item>half covered: one half under a flat grey sheet, and the lower half under a finger-like skin-coloured blob;</item>
/// <item>displaced: the part moved by a third of the ROI size in each of four directions, board filling the rest;</item>
/// <item>beyond the spec, on request: turned 90° each way about the ROI's centre (board around it), and a bright line
/// a twentieth of the shorter side thick across the middle of the part.</item>
/// </list>
/// </summary>
public static class DefectGenerator
{
    /// <summary>At or above this self-similarity after a half turn a part counts as 180°-symmetric.</summary>
    public const double SymmetryNcc = 0.9;

    private const double MissingFraction = 0.70;

    /// <summary>The defect crops, and a note per kind that was skipped or reduced.</summary>
    public static (List<DefectCrop> Crops, Dictionary<string, string> Notes) Build(
        BoardScene scene, Mat best, IReadOnlyList<WrongPartSource> wrongParts, int seed, bool beyondSpec = false)
    {
        var crops = new List<DefectCrop>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = scene.RoiSize;

        using (var bare = MissingPart(best, seed))
        {
            crops.Add(Cut(scene, bare, DefectKinds.MissingPart, "missing part (inpainted board)"));
        }

        foreach (var wrong in wrongParts)
        {
            crops.Add(Cut(scene, wrong.Image, DefectKinds.WrongPart, $"wrong part ({wrong.Name})"));
        }

        if (wrongParts.Count == 0)
        {
            notes[DefectKinds.WrongPart] = "skipped: no visibly different part among the other compare ROIs";
        }

        var symmetry = ImageMeasures.Rotation180Ncc(best);
        if (symmetry >= SymmetryNcc)
        {
            notes[DefectKinds.Turned180] = string.Create(CultureInfo.InvariantCulture,
                $"skipped: part is 180°-symmetric (NCC with its half turn {symmetry:F3} ≥ {SymmetryNcc})");
        }
        else
        {
            using var turned = new Mat();
            Cv2.Rotate(best, turned, RotateFlags.Rotate180);
            crops.Add(Cut(scene, turned, DefectKinds.Turned180, "turned 180°"));
        }

        using (var sheet = CoveredBySheet(best, seed))
        {
            crops.Add(Cut(scene, sheet, DefectKinds.HalfCovered, "half covered (flat sheet, right half)"));
        }

        using (var finger = CoveredByFinger(best, seed + 1))
        {
            crops.Add(Cut(scene, finger, DefectKinds.HalfCovered, "half covered (finger, lower half)"));
        }

        var third = (X: size.Width / 3.0, Y: size.Height / 3.0);
        foreach (var (name, dx, dy) in new[]
                 {
                     ("displaced right by 1/3", third.X, 0.0), ("displaced left by 1/3", -third.X, 0.0),
                     ("displaced down by 1/3", 0.0, third.Y), ("displaced up by 1/3", 0.0, -third.Y),
                 })
        {
            crops.Add(new DefectCrop(DefectKinds.Displaced, name, scene.Cut(best, dx, dy)));
        }

        if (beyondSpec)
        {
            foreach (var degrees in new[] { 90.0, -90.0 })
            {
                crops.Add(new DefectCrop(DefectKinds.Turned90, string.Create(CultureInfo.InvariantCulture, $"turned {degrees:+0;-0}°"),
                    scene.Cut(best, degrees: degrees)));
            }

            using var scratched = best.Clone();
            var (w, h) = (best.Width, best.Height);
            Cv2.Line(scratched, new Point(w * 0.2, h * 0.3), new Point(w * 0.8, h * 0.7), new Scalar(235, 235, 235),
                Math.Max(1, Math.Min(w, h) / 20), LineTypes.AntiAlias);
            crops.Add(Cut(scene, scratched, DefectKinds.Scratch, "scratch (bright line across the part)"));
        }

        return (crops, notes);
    }

    private static DefectCrop Cut(BoardScene scene, Mat part, string kind, string name) => new(kind, name, scene.Cut(part));

    private static Mat MissingPart(Mat best, int seed)
    {
        var (w, h) = (best.Width, best.Height);
        var inner = new Rect(
            (int)Math.Round(w * (1 - MissingFraction) / 2), (int)Math.Round(h * (1 - MissingFraction) / 2),
            Math.Max(1, (int)Math.Round(w * MissingFraction)), Math.Max(1, (int)Math.Round(h * MissingFraction)));
        using var mask = new Mat(best.Size(), MatType.CV_8UC1, Scalar.All(0));
        using (var centre = new Mat(mask, inner))
        {
            centre.SetTo(Scalar.All(255));
        }

        using var inpainted = new Mat();
        Cv2.Inpaint(best, mask, inpainted, 3, InpaintTypes.Telea);
        return ImageNuisance.Noise(inpainted, 3, seed);
    }

    private static Mat CoveredBySheet(Mat best, int seed)
    {
        using var covered = best.Clone();
        var half = new Rect(best.Width / 2, 0, best.Width - best.Width / 2, best.Height);
        using (var right = new Mat(covered, half))
        {
            right.SetTo(new Scalar(170, 172, 175));
        }

        return ImageNuisance.Noise(covered, 2, seed);
    }

    /// <summary>A soft-edged skin-coloured ellipse reaching in from the bottom edge over about half the ROI, shaded top-lit.</summary>
    private static Mat CoveredByFinger(Mat best, int seed)
    {
        var (w, h) = (best.Width, best.Height);
        using var alpha = new Mat(best.Size(), MatType.CV_32FC1, Scalar.All(0));
        Cv2.Ellipse(alpha, new Point(w / 2, h), new Size(Math.Max(2, (int)(w * 0.48)), Math.Max(2, (int)(h * 0.66))),
            0, 0, 360, Scalar.All(1.0), -1, LineTypes.AntiAlias);
        var soft = Math.Max(0.8, Math.Min(w, h) * 0.03);
        Cv2.GaussianBlur(alpha, alpha, new Size(0, 0), soft);

        using var skin = new Mat(best.Size(), MatType.CV_32FC3, new Scalar(118, 148, 205));
        // Lighter towards the tip (top) of the finger, darker towards the hand.
        var levels = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            Array.Fill(levels, (float)(1.1 - 0.3 * y / Math.Max(1, h - 1)), y * w, w);
        }

        using var shade = new Mat(h, w, MatType.CV_32FC1);
        shade.SetArray(levels);

        using var shade3 = new Mat();
        Cv2.Merge([shade, shade, shade], shade3);
        Cv2.Multiply(skin, shade3, skin);

        using var part = new Mat();
        best.ConvertTo(part, MatType.CV_32FC3);
        using var alpha3 = new Mat();
        Cv2.Merge([alpha, alpha, alpha], alpha3);
        using var inverse = new Mat();
        Cv2.Subtract(Scalar.All(1.0), alpha3, inverse);
        using var blended = new Mat();
        Cv2.Multiply(part, inverse, part);
        Cv2.Multiply(skin, alpha3, skin);
        Cv2.Add(part, skin, blended);
        using var bytes = new Mat();
        blended.ConvertTo(bytes, MatType.CV_8UC3);
        return ImageNuisance.Noise(bytes, 2, seed);
    }
}
