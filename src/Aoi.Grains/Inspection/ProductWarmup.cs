using System.Collections.Concurrent;
using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Compare;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Prepares a product's compare ROI models on this silo before its first inspection (docs/compare-method.md) — work
/// that otherwise lands on the first inspection after a product change. Runs in the background, one ROI at a
/// time through the silo's ROI gate so inspections keep their share of the cores; a product version being warmed is
/// not warmed twice at once. Purely an optimisation: whatever it has not done yet, the inspection computes itself.
/// Disposed before the engines it uses (it is created after them): disposal stops the warm-ups and waits for the
/// golden in progress, so no background step runs against a disposed model when the silo shuts down.
/// </summary>
public sealed class ProductWarmup(IEnumerable<IRoiEvaluator> evaluators, RoiConcurrencyGate gate, ILogger<ProductWarmup> logger)
    : IAsyncDisposable
{
    private readonly CompareEvaluator? compare = evaluators.OfType<CompareEvaluator>().FirstOrDefault();
    private readonly ConcurrentDictionary<(string Product, long Version), Task> running = new();
    private readonly CancellationTokenSource stopping = new();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(running.Values);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Warm-up ended with an error while stopping");
        }

        stopping.Dispose();
    }

    /// <summary>Starts warming (or joins the running warm-up of the same version); never throws.</summary>
    public Task WarmAsync(ProductSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        if (compare is null || stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var key = (snapshot.ProductName, snapshot.Version);
        return running.GetOrAdd(key, k => Task.Run(async () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
            try
            {
                await RunAsync(compare, snapshot, linked.Token);
            }
            finally
            {
                running.TryRemove(k, out _);
            }
        }, CancellationToken.None));
    }

    private async Task RunAsync(CompareEvaluator evaluator, ProductSnapshot snapshot, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var steps = 0;
        try
        {
            // One step per compare ROI: its model (memory, tolerance, calibration) from the current library, built in
            // ROI order; a picture that arrives before the warm-up ends builds the missing ones itself (once per ROI).
            var perRoi = snapshot.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled)
                .Select(roi => evaluator.WarmupSteps(snapshot.ProductFolder, roi)).ToList();
            var rounds = perRoi.Select(s => s.Count).DefaultIfEmpty(0).Max();
            foreach (var step in Enumerable.Range(0, rounds).SelectMany(i => perRoi.Where(s => i < s.Count).Select(s => s[i])))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await gate.RunAsync(() =>
                {
                    step();
                    return Task.FromResult(true);
                });
                steps++;
            }

            logger.LogInformation("Warmed {Steps} compare ROI models of {Product} v{Version} in {Ms} ms",
                steps, snapshot.ProductName, snapshot.Version, elapsed.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // An unreadable library or a model that cannot load shows up, with its own message, in the inspection.
            logger.LogWarning(ex, "Warm-up of {Product} stopped after {Steps} compare ROI models", snapshot.ProductName, steps);
        }
    }
}
