using Aoi.Grains.Review;
using Orleans.Concurrency;

namespace Aoi.Grains.Grains;

/// <summary>
/// Judges a product's confirmed defects and false calls against its current libraries on the silo that receives the
/// call (stateless worker, one at a time per silo: the work is CPU-bound compare scoring).
/// </summary>
[StatelessWorker(1)]
public sealed class ConfirmedSamplesGrain(ConfirmedSamplesEvaluator evaluator) : Grain, IConfirmedSamplesGrain
{
    public async Task<ConfirmedSamplesReport> EvaluateAsync(string productName)
    {
        var snapshot = await GrainFactory.GetGrain<IProductGrain>(productName).GetSnapshotAsync();
        return snapshot.Snapshot is { } product
            ? await evaluator.EvaluateAsync(product, CancellationToken.None)
            : new ConfirmedSamplesReport(productName, []);
    }
}
