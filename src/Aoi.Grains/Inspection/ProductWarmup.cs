using System.Collections.Concurrent;
using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Prepares a product's compare ROI models on this silo before its first inspection (memory, tolerance, calibration;
/// docs/compare-method.md) — work that otherwise lands on the first inspection after a product change. Runs in the
/// background, one ROI per call to the silo's ROI workers, so the warm-up takes a worker slot like any ROI and
/// inspections keep their share of the cores — except while nothing else can use the workers (the exclusive switch of
/// <see cref="WarmAsync"/>: a co-hosted server not listening yet), when it takes all of them; a product version being
/// warmed is not warmed twice at once. Purely an optimisation: whatever it has not done yet, the inspection computes
/// itself (once per ROI).
/// Disposed before the engines it uses (it is created after them): disposal stops the warm-ups and waits for the
/// model in progress, so no background build runs against a disposed model when the silo shuts down.
/// </summary>
public sealed class ProductWarmup(IEnumerable<IRoiEvaluator> evaluators, IGrainFactory grains, IOptions<AoiOptions> options, ILogger<ProductWarmup> logger)
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

    /// <summary>
    /// Starts warming (or joins the running warm-up of the same version); never throws. While <paramref name="exclusive"/>
    /// says the silo's ROI workers have nothing else to do, it keeps all of them busy instead of one.
    /// </summary>
    public Task WarmAsync(ProductSnapshot snapshot, CancellationToken cancellationToken = default, Func<bool>? exclusive = null)
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
                await RunAsync(snapshot, exclusive ?? (() => false), linked.Token);
            }
            finally
            {
                running.TryRemove(k, out _);
            }
        }, CancellationToken.None));
    }

    /// <summary>One compare ROI's model, built by the worker that runs this.</summary>
    public void WarmRoi(CompareRoiWarmup roi, CancellationToken cancellationToken)
    {
        if (compare is null || stopping.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        compare.Warm(roi.ProductFolder, roi.Roi);
    }

    private async Task RunAsync(ProductSnapshot snapshot, Func<bool> exclusive, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var warmed = 0;
        var inFlight = new List<Task>();
        try
        {
            var workers = grains.GetGrain<IRoiInspectorGrain>(0);
            foreach (var roi in snapshot.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled))
            {
                // Calls at once to the stateless worker go to as many activations (the pool's bound holds them).
                while (inFlight.Count >= (exclusive() ? options.Value.EffectiveRoiParallelism : 1))
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    await done;
                    warmed++;
                }

                cancellationToken.ThrowIfCancellationRequested();
                inFlight.Add(workers.WarmRoiAsync(new CompareRoiWarmup(snapshot.ProductFolder, roi), cancellationToken));
            }

            foreach (var call in inFlight)
            {
                await call;
                warmed++;
            }

            logger.LogInformation("Warmed {Models} compare ROI models of {Product} v{Version} in {Ms} ms",
                warmed, snapshot.ProductName, snapshot.Version, elapsed.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // An unreadable library or a model that cannot load shows up, with its own message, in the inspection.
            logger.LogWarning(ex, "Warm-up of {Product} stopped after {Models} compare ROI models", snapshot.ProductName, warmed);
        }
        finally
        {
            // The calls already sent end first, so a disposal waits for the models in progress; their failures are the one above.
            await Task.WhenAll(inFlight).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
