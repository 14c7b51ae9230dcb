using Aoi.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aoi.Grains.Grains;

/// <summary>
/// Runs on every silo and touches the session directory once per sweep period. The directory's own timer does the
/// sweeping; this only makes sure the directory is active, at start and again after the silo holding it was lost.
/// Touching an active grain is one cheap call, and only that one activation sweeps.
/// </summary>
public sealed partial class SessionExpiryKeeper(
    IGrainFactory grains,
    IOptions<AoiOptions> options,
    TimeProvider time,
    ILogger<SessionExpiryKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private CancellationTokenSource? stopping;
    private Task? loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionExpiryKeeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();
        // Not awaited: the silo must not wait on a grain call to finish starting.
        loop = Task.Run(() => KeepActiveAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null || loop is null)
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            // The loop catches its own failures; waiting here only lets an in-flight call finish before shutdown.
            await loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task KeepActiveAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.SessionSweepSeconds);
        var directory = grains.GetGrain<ISessionDirectoryGrain>(0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await directory.ListAsync().WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTouchFailed(ex);
            }

            try
            {
                await Task.Delay(period, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the session directory; idle sweeping resumes when it answers")]
    private partial void LogTouchFailed(Exception exception);
}
