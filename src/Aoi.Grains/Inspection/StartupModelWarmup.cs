using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Builds the compare models of every product on this silo once the host has started (docs/compare-method.md: a model
/// is built at teach time and after a start, so an inspection only scores), then rehearses one inspection of the product
/// (<see cref="InspectionRehearsal"/>: the path's first-call costs paid here, nothing recorded), so the first inspection
/// after a restart costs what a warm one does. Products go most recently changed first — a line's current products — one
/// after another through <see cref="ProductWarmup"/>, i.e. through the silo's ROI workers, so inspections that arrive
/// meanwhile keep their share of the cores (all workers build while a co-hosted front end holds requests back). Follows
/// the engine warm-up's switch (Aoi:Warmup:OnStart; the co-hosted front end's AoiWeb:WarmUpOnStart). Purely an
/// optimisation: a model not built yet is built by the inspection that needs it.
/// </summary>
public sealed partial class StartupModelWarmup(
    IGrainFactory grains,
    ProductConfigStore store,
    AoiPaths paths,
    ProductWarmup warmup,
    InspectionRehearsal rehearsal,
    IHostApplicationLifetime lifetime,
    IOptions<EngineWarmupOptions> options,
    ILogger<StartupModelWarmup> logger) : BackgroundService
{
    private readonly TaskCompletionSource ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource servicesStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool requestsHeldBack;

    /// <summary>Whether the start-up warm-up has ended (at once when it is switched off); /api/health's "initialized" waits for it.</summary>
    public bool Finished => Completion.IsCompleted;

    /// <summary>
    /// Ends with the start-up warm-up, whatever its outcome (at once when it is switched off); never faults. /api/initialize
    /// waits for it within its budget, so a station that initializes before its first session gets a warm inspection.
    /// </summary>
    public Task Completion => options.Value.OnStart ? ended.Task : Task.CompletedTask;

    /// <summary>
    /// Every other hosted service has started: told by a host that holds back its start until the warm-up has ended (the
    /// co-hosted front end's ListenWhenWarm, with <paramref name="requestsHeldBack"/>), else at the application's start.
    /// The warm-up begins at the first of them. While requests are held back nothing else can use the ROI workers, so
    /// the warm-up builds models on all of them, until <see cref="Serving"/>; otherwise on one at a time.
    /// </summary>
    public void HostServicesStarted(bool requestsHeldBack = false)
    {
        if (requestsHeldBack && !servicesStarted.Task.IsCompleted)
        {
            this.requestsHeldBack = true;
        }

        servicesStarted.TrySetResult();
    }

    /// <summary>The host that held back its requests serves them now (the warm-up ended or its bound passed).</summary>
    public void Serving() => requestsHeldBack = false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WarmEveryProductAsync(stoppingToken);
        }
        finally
        {
            ended.TrySetResult();
        }
    }

    private async Task WarmEveryProductAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OnStart)
        {
            return;
        }

        // After every hosted service has started (or, in a host that waits for this warm-up before it listens, every
        // one before that host's gate): the silo takes grain calls and the demo product is seeded.
        using (lifetime.ApplicationStarted.Register(() => HostServicesStarted()))
        {
            try
            {
                await servicesStarted.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var clock = Stopwatch.StartNew();
        var products = store.ListProducts().OrderByDescending(p => File.GetLastWriteTimeUtc(paths.ConfigFile(p))).ToList();
        var warmed = 0;
        foreach (var product in products)
        {
            try
            {
                var snapshot = (await grains.GetGrain<IProductGrain>(product).GetSnapshotAsync().WaitAsync(stoppingToken)).Snapshot;
                if (snapshot is not null)
                {
                    await warmup.WarmAsync(snapshot, stoppingToken, exclusive: () => requestsHeldBack);
                    await rehearsal.RunAsync(snapshot, stoppingToken);
                    warmed++;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The product's own inspections report an unusable configuration or model themselves.
                LogProductFailed(ex, product);
            }
        }

        LogWarmed(warmed, products.Count, clock.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up warm-up: compare models of {Warmed} of {Products} products ready and an inspection of each rehearsed in {Ms} ms (stored models read, the others built)")]
    private partial void LogWarmed(int warmed, int products, long ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up warm-up skipped product {Product}")]
    private partial void LogProductFailed(Exception exception, string product);
}
