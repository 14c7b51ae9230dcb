namespace Aoi.Grains.Engines.Ocr;

/// <summary>
/// Until the OCR engine exists, OCR ROIs fail with a clear error (spec 3.1 step 7): never a pass, never a fake text.
/// </summary>
public sealed class OcrUnavailableEvaluator : IRoiEvaluator
{
    public int RoiType => RoiDefinition.Ocr;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new RoiEvaluation(false, Error: "OCR engine unavailable", Ocr: new OcrOutcome("", "", 0.0)));
}
