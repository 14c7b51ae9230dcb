namespace Aoi.Grains.Engines.Colour;

/// <summary>Placeholder until the engine lands; fails every ROI of its type (never passes).</summary>
public sealed class ColourEvaluator : IRoiEvaluator
{
    public int RoiType => 4;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new RoiEvaluation(false, Error: "ColourEvaluator unavailable: not implemented"));
}
