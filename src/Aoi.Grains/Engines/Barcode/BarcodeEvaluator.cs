namespace Aoi.Grains.Engines.Barcode;

/// <summary>Placeholder until the engine lands; fails every ROI of its type (never passes).</summary>
public sealed class BarcodeEvaluator : IRoiEvaluator
{
    public int RoiType => 1;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new RoiEvaluation(false, Error: "BarcodeEvaluator unavailable: not implemented"));
}
