using Aoi.Grains.Inspection;
using Orleans.Concurrency;

namespace Aoi.Grains.Grains;

/// <summary>
/// Inspects one ROI crop on the silo of the calling session (stateless workers are always local, so crops never
/// cross the network). One reentrant activation per silo: the bound on concurrent ROI work is the silo-wide
/// <see cref="RoiConcurrencyGate"/> sized from configuration, not the worker pool, which defaults to the core count.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class RoiInspectorGrain(RoiProcessor processor, RoiConcurrencyGate gate) : Grain, IRoiInspectorGrain
{
    // The processor runs on the thread pool so JPEG encoding and file writes of different ROIs run in parallel
    // instead of taking turns on this activation's scheduler.
    public Task<RoiResult> InspectAsync(RoiWorkItem item) =>
        gate.RunAsync(() => Task.Run(() => processor.ProcessAsync(item)));
}
