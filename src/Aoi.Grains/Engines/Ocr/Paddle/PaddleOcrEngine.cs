using OpenCvSharp;

namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// PP-OCRv4 through ONNX Runtime: detect text boxes, join overlapping boxes of one line, cut each line, turn the
/// whole label over when its lines vote upside down, recognise. The models read Chinese and Latin script; the
/// decoded text is returned as is.
/// </summary>
public sealed class PaddleOcrEngine : IOcrEngine
{
    // PaddleOCR's drop_score: lines below it are mostly noise (textures, solder, edges).
    private const double MinLineConfidence = 0.5;

    private readonly DbTextDetector _detector;
    private readonly TextDirectionClassifier _direction;
    private readonly TextLineRecognizer _recognizer;

    public PaddleOcrEngine(PaddleOcrModels models)
    {
        _detector = new DbTextDetector(models.Detection);
        _direction = new TextDirectionClassifier(models.DirectionClassifier);
        _recognizer = new TextLineRecognizer(models.Recognition, models.Alphabet);
    }

    /// <summary>Engine over the process-wide shared sessions of the given model folder.</summary>
    public static PaddleOcrEngine Load(PaddleOcrModelFiles files) => new(PaddleOcrModels.Shared(files));

    public IReadOnlyList<OcrLine> Read(Mat image, CancellationToken cancellationToken)
    {
        using var bgr = ToBgr(image);
        var boxes = ReadingOrder.Sort(LineBoxMerger.Merge(_detector.Detect(bgr)));
        var crops = boxes.Select(box => TextLineCropper.Crop(bgr, box)).ToList();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_direction.IsUpsideDown(crops))
            {
                // The whole label is upside down: each line turns over and the line order reverses.
                crops.ForEach(c => Cv2.Rotate(c, c, RotateFlags.Rotate180));
                crops.Reverse();
            }

            var lines = new List<OcrLine>();
            foreach (var crop in crops)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = _recognizer.Recognize(crop);
                if (read.Confidence >= MinLineConfidence && !string.IsNullOrWhiteSpace(read.Text))
                {
                    lines.Add(read with { Text = read.Text.Trim() });
                }
            }

            return lines;
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }
    }

    private static Mat ToBgr(Mat image)
    {
        var bgr = new Mat();
        switch (image.Channels())
        {
            case 1:
                Cv2.CvtColor(image, bgr, ColorConversionCodes.GRAY2BGR);
                break;
            case 4:
                Cv2.CvtColor(image, bgr, ColorConversionCodes.BGRA2BGR);
                break;
            default:
                image.CopyTo(bgr);
                break;
        }

        return bgr;
    }
}
