using System.Diagnostics;
using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Hosting;

/// <summary>
/// Holds the co-hosted server's start until the engines are loaded and the start-up warm-up (stored models read or
/// built, one inspection of each product rehearsed) has ended, within AoiWeb:ListenWhenWarmSeconds. A WebApplication
/// starts its hosted services before its server listens (dotnet/aspnetcore#36122), so registered last this keeps the
/// port closed meanwhile: a line station that connects, asks /api/health and inspects at once meets a warm server, not
/// the warm-up. Past the bound the server listens anyway and the warm-up goes on behind it (/api/health says
/// "initialized" once it ended). Nothing to wait for in client mode or with the warm-up switched off.
/// </summary>
public sealed partial class ListenWhenWarm(
    IOptions<EngineWarmupOptions> warmup,
    IOptions<WebOptions> web,
    ILogger<ListenWhenWarm> logger,
    EngineWarmup? engines = null, // neither is registered in client mode
    StartupModelWarmup? models = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bound = TimeSpan.FromSeconds(web.Value.ListenWhenWarmSeconds);
        if (engines is null || models is null || !warmup.Value.OnStart || bound <= TimeSpan.Zero)
        {
            return;
        }

        // Every hosted service registered before this one has started: the silo takes calls and the demo is seeded.
        models.HostServicesStarted(requestsHeldBack: true);
        var clock = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(engines.EnsureStartedAsync(), models.Completion).WaitAsync(bound, cancellationToken);
            LogWarm(clock.ElapsedMilliseconds);
        }
        catch (TimeoutException)
        {
            LogStillWarming(web.Value.ListenWhenWarmSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The warm-up reports its own failures (/api/health, /api/initialize); the server must listen regardless.
            LogWarmupFailed(ex);
        }
        finally
        {
            models.Serving();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm after {Ms} ms: engines loaded, compare models ready, inspections rehearsed; now listening")]
    private partial void LogWarm(long ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Still warming up after {Seconds} s (AoiWeb:ListenWhenWarmSeconds); listening now, /api/health says initialized once it has ended")]
    private partial void LogStillWarming(int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up warm-up failed; listening now")]
    private partial void LogWarmupFailed(Exception exception);
}
