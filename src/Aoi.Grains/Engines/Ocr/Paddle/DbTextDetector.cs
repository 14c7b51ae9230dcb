using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// PP-OCRv4 DB text detection: the picture is resized so both sides are multiples of 32 (the network's stride),
/// the longer side at most <see cref="LimitSide"/>; small pictures are enlarged so thin text still yields a kernel.
/// </summary>
public sealed class DbTextDetector(OnnxModel model)
{
    private const int LimitSide = 960;
    private const int MinShortSide = 96;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public List<Point2f[]> Detect(Mat bgr)
    {
        var (width, height) = (bgr.Cols, bgr.Rows);
        var scale = Math.Min(1.0, (double)LimitSide / Math.Max(width, height));
        if (Math.Min(width, height) * scale < MinShortSide)
        {
            scale = Math.Min((double)MinShortSide / Math.Min(width, height), (double)LimitSide / Math.Max(width, height));
        }

        var inputWidth = RoundTo32(width * scale);
        var inputHeight = RoundTo32(height * scale);
        using var resized = new Mat();
        Cv2.Resize(bgr, resized, new Size(inputWidth, inputHeight), 0, 0,
            scale > 1 ? InterpolationFlags.Cubic : InterpolationFlags.Linear);
        var tensor = PaddleTensor.FromBgr(resized, Mean, Std, inputWidth);
        var output = model.Run(tensor, [1, 3, inputHeight, inputWidth]);

        using var probability = new Mat(inputHeight, inputWidth, MatType.CV_32FC1);
        probability.SetArray(output.Values);
        return DbBoxExtractor.Extract(probability, width, height);
    }

    private static int RoundTo32(double side) => Math.Max(32, (int)Math.Round(side / 32) * 32);
}
