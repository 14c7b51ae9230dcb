using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Evaluation;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Aoi.Grains.Grains;

/// <summary>
/// Evaluates a product's golden library (spec 3.6) on the silo that receives the call. A stateless worker so a long
/// evaluation never holds the product grain (only its snapshot is asked for). One activation per silo: the work is
/// CPU-bound and already parallel over ROIs, so a second evaluation at the same time would only halve both; it waits
/// its turn. Bounded variant counts keep a typical product (5–20 ROIs) well inside the Orleans call timeout.
/// </summary>
[StatelessWorker(1)]
public sealed class LibraryHealthGrain(
    CompareMethodSelector selector,
    ILogger<LibraryHealthGrain> logger) : Grain, ILibraryHealthGrain
{
    /// <summary>
    /// The endpoint's bounds: all 28 genuine variants and every defect, but at most 6 leave-one-out captures per ROI
    /// (each needs a model of its own; the large real libraries hold up to 86 captures of one ROI).
    /// </summary>
    public static readonly EvaluationSettings EndpointSettings = new() { MaxUnseenPerRoi = 6 };

    public async Task<EvaluationOutcome> EvaluateAsync(string productName, string method)
    {
        var methodFor = new EvaluationMethodChoice(selector).For(method);
        if (methodFor is null)
        {
            return new EvaluationOutcome(new Failure(FailureKind.Invalid, $"method must be one of: {string.Join(", ", EvaluationMethod.All)}"), null);
        }

        var snapshot = await GrainFactory.GetGrain<IProductGrain>(productName).GetSnapshotAsync();
        if (snapshot.Snapshot is not { } product)
        {
            return snapshot.NotFound
                ? new EvaluationOutcome(new Failure(FailureKind.NotFound, $"Product not found: {productName}"), null)
                : new EvaluationOutcome(new Failure(FailureKind.ValidationFailed, "ROI configuration invalid", snapshot.ValidationErrors), null);
        }

        // Off the activation's scheduler: the evaluation is long CPU work that fans out over the thread pool anyway.
        var evaluation = await Task.Run(() => new LibraryEvaluator(EndpointSettings).EvaluateAsync(product, methodFor, method));
        logger.LogInformation("Evaluated {Product} with {Method}: {Escapes} escapes, {FalseCalls} false calls in {Ms:F0} ms",
            productName, method, evaluation.Totals.Escapes, evaluation.Totals.FalseCalls, evaluation.Totals.ElapsedMs);
        return new EvaluationOutcome(null, evaluation);
    }
}
