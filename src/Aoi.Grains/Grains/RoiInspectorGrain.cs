using Aoi.Grains.Inspection;
using Orleans.Concurrency;

namespace Aoi.Grains.Grains;

/// <summary>
/// Inspects one ROI crop on the silo of the calling session (stateless workers are always local, so crops never cross
/// the network). Not reentrant: an activation runs one ROI — or one compare model of a warm-up — at a time, until its
/// engine has stopped, so the number of activations is the silo's bound on concurrent ROI work. The attribute's default is
/// the core count; Aoi:RoiParallelism sets another through <see cref="RoiWorkerPoolSize"/>.
/// </summary>
[StatelessWorker]
public sealed class RoiInspectorGrain(RoiProcessor processor, ProductWarmup warmup) : Grain, IRoiInspectorGrain
{
    public Task<RoiResult> InspectAsync(RoiWorkItem item, CancellationToken cancellationToken) =>
        processor.ProcessAsync(item, cancellationToken);

    public Task WarmRoiAsync(CompareRoiWarmup roi, CancellationToken cancellationToken)
    {
        warmup.WarmRoi(roi, cancellationToken);
        return Task.CompletedTask;
    }
}
