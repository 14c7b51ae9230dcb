using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// A small, test-side version of the spec 3.6 protocol for one golden: nuisance variants that must still pass and
/// synthetic defects that must fail. Each variant is what a crop at the ROI would show after the golden part was
/// placed on a plain board (the board colour is the median of the golden's border). Deterministic per seed.
/// </summary>
internal static class SpecVariants
{
    public static readonly string[] DefectKinds = ["missing", "wrong", "rot180", "half-covered", "displaced"];

    public static Scalar BoardColour(Mat golden)
    {
        var border = new List<Vec3b>();
        var (w, h) = (golden.Width, golden.Height);
        for (var x = 0; x < w; x++)
        {
            border.Add(golden.At<Vec3b>(0, x));
            border.Add(golden.At<Vec3b>(h - 1, x));
        }

        for (var y = 0; y < h; y++)
        {
            border.Add(golden.At<Vec3b>(y, 0));
            border.Add(golden.At<Vec3b>(y, w - 1));
        }

        double Median(Func<Vec3b, byte> channel) => border.Select(channel).Order().ElementAt(border.Count / 2);
        return new Scalar(Median(v => v.Item0), Median(v => v.Item1), Median(v => v.Item2));
    }

    /// <summary>The part moved by (dx, dy) pixels inside the ROI, board colour where it left.</summary>
    public static Mat Shifted(Mat golden, Scalar board, int dx, int dy)
    {
        var result = new Mat(golden.Size(), golden.Type(), board);
        var source = new Rect(Math.Max(0, -dx), Math.Max(0, -dy), golden.Width - Math.Abs(dx), golden.Height - Math.Abs(dy));
        var target = new Rect(Math.Max(0, dx), Math.Max(0, dy), source.Width, source.Height);
        if (source.Width > 0 && source.Height > 0)
        {
            using var from = new Mat(golden, source);
            using var to = new Mat(result, target);
            from.CopyTo(to);
        }

        return result;
    }

    /// <summary>Eight genuine variants: shifts up to ±4 %, gain ±12 %, offset ±8, blur σ≤0.8, noise σ3, JPEG, −15 % light.</summary>
    public static List<(string Kind, Mat Image)> Nuisance(Mat golden, int seed)
    {
        var random = new Random(seed);
        var board = BoardColour(golden);
        int Sx(double f) => (int)Math.Round(golden.Width * f);
        int Sy(double f) => (int)Math.Round(golden.Height * f);
        int RandomShiftX() => random.Next(-Sx(0.04), Sx(0.04) + 1);
        int RandomShiftY() => random.Next(-Sy(0.04), Sy(0.04) + 1);
        var variants = new List<(string, Mat)>
        {
            ("shift+4%", Shifted(golden, board, Sx(0.04), Sy(0.04))),
            ("shift-4%,gain1.12", Photometric(Shifted(golden, board, -Sx(0.04), Sy(0.02)), 1.12, 0)),
            ("shift,gain0.88,offset-8", Photometric(Shifted(golden, board, RandomShiftX(), RandomShiftY()), 0.88, -8)),
            ("shift,blur0.8", Blur(Shifted(golden, board, RandomShiftX(), RandomShiftY()), 0.8)),
            ("noise3,offset+8", Noise(Photometric(golden.Clone(), 1.0, 8), 3, random)),
            ("shift,jpeg75", Jpeg(Shifted(golden, board, RandomShiftX(), RandomShiftY()), 75)),
            ("light0.85,noise3", Noise(Photometric(golden.Clone(), 0.85, 0), 3, random)),
        };
        var gain = 0.88 + 0.24 * random.NextDouble();
        var offset = random.Next(-8, 9);
        variants.Add(("all", Jpeg(Noise(Blur(Photometric(Shifted(golden, board, RandomShiftX(), RandomShiftY()), gain, offset), 0.5), 3, random), 90)));
        return variants;
    }

    /// <summary>The five defect kinds of spec 3.6; <paramref name="otherPart"/> is a different part's golden.</summary>
    public static List<(string Kind, Mat Image)> Defects(Mat golden, Mat otherPart, int seed)
    {
        var random = new Random(seed);
        var board = BoardColour(golden);
        var wrong = new Mat();
        Cv2.Resize(otherPart, wrong, golden.Size(), 0, 0, InterpolationFlags.Area);
        var rotated = new Mat();
        Cv2.Rotate(golden, rotated, RotateFlags.Rotate180);
        var covered = golden.Clone();
        var half = golden.Width >= golden.Height
            ? new Rect(0, 0, golden.Width / 2, golden.Height)
            : new Rect(0, 0, golden.Width, golden.Height / 2);
        covered[half].SetTo(board);
        var displaced = golden.Width >= golden.Height
            ? Shifted(golden, board, golden.Width / 3, 0)
            : Shifted(golden, board, 0, golden.Height / 3);
        return
        [
            ("missing", Noise(new Mat(golden.Size(), golden.Type(), board), 3, random)),
            ("wrong", wrong),
            ("rot180", rotated),
            ("half-covered", covered),
            ("displaced", displaced),
        ];
    }

    /// <summary>Zero-mean normalised correlation of an image with itself turned 180° (1 = symmetric).</summary>
    public static double RotationSymmetry(Mat golden)
    {
        using var grey = new Mat();
        Cv2.CvtColor(golden, grey, ColorConversionCodes.BGR2GRAY);
        using var rotated = new Mat();
        Cv2.Rotate(grey, rotated, RotateFlags.Rotate180);
        using var score = new Mat();
        Cv2.MatchTemplate(grey, rotated, score, TemplateMatchModes.CCoeffNormed);
        return score.At<float>(0, 0);
    }

    private static Mat Photometric(Mat image, double gain, double offset)
    {
        var result = new Mat();
        image.ConvertTo(result, MatType.CV_8UC3, gain, offset);
        image.Dispose();
        return result;
    }

    private static Mat Blur(Mat image, double sigma)
    {
        var result = new Mat();
        Cv2.GaussianBlur(image, result, new Size(0, 0), sigma);
        image.Dispose();
        return result;
    }

    private static Mat Noise(Mat image, double sigma, Random random)
    {
        using var flat = new Mat(image.Rows, image.Cols * 3, MatType.CV_32FC1);
        var values = new float[image.Rows * image.Cols * 3];
        for (var i = 0; i < values.Length; i++)
        {
            // Box–Muller from the seeded generator keeps the variant reproducible.
            var u = 1.0 - random.NextDouble();
            values[i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        flat.SetArray(values);
        using var noise = flat.Reshape(3);
        using var asFloat = new Mat();
        image.ConvertTo(asFloat, MatType.CV_32FC3);
        using var sum = new Mat();
        Cv2.Add(asFloat, noise, sum);
        var result = new Mat();
        sum.ConvertTo(result, MatType.CV_8UC3);
        image.Dispose();
        return result;
    }

    private static Mat Jpeg(Mat image, int quality)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        image.Dispose();
        return Cv2.ImDecode(bytes, ImreadModes.Color);
    }
}
