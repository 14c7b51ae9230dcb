using OpenCvSharp;

namespace Aoi.Tests.Evaluation;

/// <summary>
/// A small product on disk in the legacy layout with three compare ROIs of 96×64: an IC with a white label on its
/// left third and a pin-1 dot (so a half turn is visibly different), a round capacitor and a resistor. Each ROI has
/// best_golden.jpg plus jittered clean captures (±1 px, light changes, sensor noise, JPEG 95). ROI 1 also holds a
/// planted blurred capture and a capture with a finger over half the part.
/// </summary>
public static class SyntheticLibrary
{
    public const int Width = 96, Height = 64;
    public const int CleanAlternatives = 6;
    public const string BlurredName = "1700000000500_golden_sample.jpg";
    public const string OccludedName = "1700000000600_golden_sample.jpg";

    public static readonly (int Idx, int X, int Y)[] Rois = [(1, 100, 100), (2, 300, 100), (3, 100, 300)];

    /// <summary>Writes product <paramref name="name"/> under <paramref name="productRoot"/> with the given compare threshold.</summary>
    public static string Create(string productRoot, string name, double threshold = 0.85, bool plantSuspects = true)
    {
        var folder = Path.Combine(productRoot, name);
        Directory.CreateDirectory(folder);
        var rois = string.Join(",\n", Rois.Select(r =>
            $$"""  {"idx": {{r.Idx}}, "type": 2, "coords": [{{r.X}}, {{r.Y}}, {{r.X + Width}}, {{r.Y + Height}}], "focus": 305, "exposure": 1200, "ai_threshold": {{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "feature_method": "mobilenet", "device_location": 1}"""));
        File.WriteAllText(Path.Combine(folder, $"rois_config_{name}.json"), $"[\n{rois}\n]\n");

        foreach (var (idx, _, _) in Rois)
        {
            var roiFolder = Path.Combine(folder, "golden_rois", $"roi_{idx}");
            Directory.CreateDirectory(roiFolder);
            var random = new Random(idx * 7919);
            Save(roiFolder, "best_golden.jpg", Capture(idx, 0, 0, 1.0, 0, random));
            for (var k = 0; k < CleanAlternatives; k++)
            {
                var (dx, dy) = (random.Next(-1, 2), random.Next(-1, 2));
                Save(roiFolder, $"{1700000000000 + k * 10:D13}_golden_sample.jpg",
                    Capture(idx, dx, dy, 0.96 + 0.08 * random.NextDouble(), random.Next(-4, 5), random));
            }

            if (idx == 1 && plantSuspects)
            {
                using (var sharp = Capture(idx, 0, 1, 1.0, 0, random, noise: false))
                using (var blurred = new Mat())
                {
                    Cv2.GaussianBlur(sharp, blurred, new Size(0, 0), 3.0);
                    Save(roiFolder, BlurredName, WithNoise(blurred, random));
                }

                using var occluded = Capture(idx, 1, 0, 1.0, 0, random);
                Cv2.Ellipse(occluded, new Point(Width / 2 + 10, Height), new Size(40, 44), 0, 0, 360, new Scalar(120, 150, 205), -1, LineTypes.AntiAlias);
                Save(roiFolder, OccludedName, occluded.Clone());
            }
        }

        return folder;
    }

    /// <summary>Paths and bytes of every file under a folder, for byte-identity checks.</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    private static void Save(string folder, string name, Mat image)
    {
        using (image)
        {
            Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    private static Mat Capture(int idx, int dx, int dy, double gain, double offset, Random random, bool noise = true)
    {
        // Drawn 8x larger and shrunk: anti-aliased edges like an optical image, sub-pixel positions for free.
        const int s = 8;
        using var big = new Mat(Height * s, Width * s, MatType.CV_8UC3, new Scalar(45, 105, 40));
        Cv2.Line(big, new Point(0, 6 * s), new Point(Width * s, 6 * s), new Scalar(70, 150, 80), 3 * s);
        var o = new Point(dx * s, dy * s);
        switch (idx)
        {
            case 1:
                Cv2.Rectangle(big, Box(8, 22, 12, 20, o, s), new Scalar(175, 178, 180), -1);
                Cv2.Rectangle(big, Box(76, 22, 12, 20, o, s), new Scalar(175, 178, 180), -1);
                Cv2.Rectangle(big, Box(16, 12, 64, 40, o, s), new Scalar(35, 35, 38), -1);
                Cv2.Rectangle(big, Box(20, 16, 20, 32, o, s), new Scalar(225, 225, 225), -1);
                Cv2.Circle(big, new Point((72 + dx) * s, (18 + dy) * s), 3 * s, new Scalar(230, 230, 230), -1);
                break;
            case 2:
                Cv2.Circle(big, new Point((48 + dx) * s, (34 + dy) * s), 24 * s, new Scalar(40, 70, 150), -1);
                Cv2.Rectangle(big, Box(36, 12, 6, 44, o, s), new Scalar(210, 210, 200), -1);
                break;
            default:
                Cv2.Rectangle(big, Box(30, 24, 36, 18, o, s), new Scalar(150, 190, 220), -1);
                Cv2.Rectangle(big, Box(38, 24, 4, 18, o, s), new Scalar(20, 20, 160), -1);
                Cv2.Rectangle(big, Box(50, 24, 4, 18, o, s), new Scalar(20, 20, 20), -1);
                break;
        }

        var small = new Mat();
        Cv2.Resize(big, small, new Size(Width, Height), 0, 0, InterpolationFlags.Area);
        small.ConvertTo(small, MatType.CV_8UC3, gain, offset);
        if (!noise)
        {
            return small;
        }

        using (small)
        {
            return WithNoise(small, random);
        }
    }

    private static Mat WithNoise(Mat image, Random random)
    {
        var noisy = image.Clone();
        noisy.GetArray(out byte[] bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(bytes[i] + ((random.NextDouble() - 0.5) * 5), 0, 255);
        }

        noisy.SetArray(bytes);
        return noisy;
    }

    private static Rect Box(int x, int y, int w, int h, Point offset, int s) => new((x * s) + (offset.X * s), (y * s) + (offset.Y * s), w * s, h * s);
}
