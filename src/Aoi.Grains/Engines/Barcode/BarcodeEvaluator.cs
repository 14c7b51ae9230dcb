namespace Aoi.Grains.Engines.Barcode;

/// <summary>Barcode ROIs (type 1, spec 3.2): all orientations, cleaned values, optional expected pattern.</summary>
public sealed class BarcodeEvaluator(OrientedBarcodeScanner scanner) : IRoiEvaluator
{
    public int RoiType => RoiDefinition.Barcode;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        var reading = scanner.Scan(context.Crop, cancellationToken);
        var verdict = BarcodePatternRule.Judge(reading.Values, context.Roi.ExpectedPattern);
        return Task.FromResult(new RoiEvaluation(
            verdict.Passed,
            Error: verdict.Error,
            Detail: verdict.Detail,
            Barcode: new BarcodeOutcome(reading.Values, reading.Formats, verdict.Candidate)));
    }
}
