namespace Aoi.Grains.Engines.Colour;

/// <summary>
/// Colour ROIs (type 4, spec 3.5). Picks the configuration source (ROI box, ROI ranges, product ranges) and lets the
/// analyzer judge; a ROI with no source fails with neutral colour keys instead of passing.
/// </summary>
public sealed class ColourEvaluator(IColourAnalyzer analyzer) : IRoiEvaluator
{
    public const string NoConfigurationError = "no colour configuration";

    public int RoiType => RoiDefinition.Color;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var roi = context.Roi;
        ColourVerdict? verdict = roi switch
        {
            { ExpectedColor: { } expected } =>
                analyzer.MatchBox(context.Crop, expected, roi.ColorTolerance, roi.MinPixelPercentage),
            { ColorRanges: { Length: > 0 } own } => analyzer.MatchRanges(context.Crop, own),
            _ when context.ProductColorRanges is { Length: > 0 } product =>
                analyzer.MatchRanges(context.Crop, product),
            _ => null,
        };

        return Task.FromResult(verdict is null
            ? Unconfigured(roi)
            : new RoiEvaluation(verdict.Passed, Color: verdict.Outcome, ColorThreshold: verdict.Threshold));
    }

    private static RoiEvaluation Unconfigured(RoiDefinition roi) => new(
        false,
        Error: NoConfigurationError,
        Color: new ColorOutcome("Error", 0.0, [0, 0, 0], roi.MinPixelPercentage, false, null, "#000000", 0),
        ColorThreshold: roi.MinPixelPercentage);
}
