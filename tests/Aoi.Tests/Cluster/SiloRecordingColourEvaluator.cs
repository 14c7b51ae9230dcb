using Aoi.Grains.Engines;
using Aoi.Tests.Inspection.Support;
using Orleans.Runtime;

namespace Aoi.Tests.Cluster;

/// <summary>
/// The colour engine of the cluster tests: records on which silo each ROI was evaluated, honours holds, and judges
/// the crop for real (mean colour against expected_color, via <see cref="ScriptedColourEvaluator"/>).
/// </summary>
public sealed class SiloRecordingColourEvaluator(ILocalSiloDetails silo) : IRoiEvaluator
{
    private readonly ScriptedColourEvaluator _measure = new();

    public int RoiType => RoiDefinition.Color;

    public async Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        RoiWorkRecorder.Record(context.ProductName, silo.SiloAddress);
        await RoiWorkRecorder.WaitIfHeldAsync(context.ProductName, cancellationToken);
        return await _measure.EvaluateAsync(context with { Roi = context.Roi with { ExpectedText = null } }, cancellationToken);
    }
}
