namespace Aoi.Grains.Engines.Compare;

/// <summary>Placeholder until the engine lands; fails every ROI of its type (never passes).</summary>
public sealed class CompareEvaluator : IRoiEvaluator
{
    public int RoiType => 2;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new RoiEvaluation(false, Error: "CompareEvaluator unavailable: not implemented"));
}
