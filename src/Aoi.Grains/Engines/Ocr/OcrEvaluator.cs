namespace Aoi.Grains.Engines.Ocr;

/// <summary>
/// OCR ROIs (spec 3.4): turn the crop by the ROI rotation, read it, apply the expected-text rule. An engine that is
/// missing or throws fails the ROI with neutral OCR keys; it never passes.
/// </summary>
public sealed class OcrEvaluator(OcrEngineProvider engines) : IRoiEvaluator
{
    public int RoiType => RoiDefinition.Ocr;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        if (!engines.TryGet(out var engine, out var reason))
        {
            return Task.FromResult(Failed($"OCR engine unavailable: {reason}"));
        }

        try
        {
            // The caller owns the crop and writes it unrotated (spec 3.4 step 6); only the turned copy is ours.
            using var turned = OcrRotation.TurnCounterClockwise(context.Crop, context.Roi.Rotation);
            var lines = engine.Read(turned ?? context.Crop, cancellationToken)
                .Where(l => !string.IsNullOrWhiteSpace(l.Text))
                .ToList();
            var raw = OcrTextRule.RawText(lines);
            var judgement = OcrTextRule.Judge(raw, context.Roi.ExpectedText);
            var outcome = new OcrOutcome(judgement.OcrText, raw, OcrTextRule.Confidence(lines));
            return Task.FromResult(new RoiEvaluation(judgement.Passed, Ocr: outcome));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Task.FromResult(Failed($"OCR failed: {ex.Message}"));
        }
    }

    private static RoiEvaluation Failed(string error) =>
        new(false, Error: error, Ocr: new OcrOutcome("", "", 0.0));
}
