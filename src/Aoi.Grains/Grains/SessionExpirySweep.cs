using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>
/// One idle sweep over the listed sessions (spec 5.2): asks each to close itself if idle and reports the ids the
/// directory should forget. Sessions decide idleness themselves, so none is closed before its timeout.
/// </summary>
public sealed partial class SessionExpirySweep(ILogger<SessionExpirySweep> logger)
{
    /// <param name="sessionIds">Sessions listed as open.</param>
    /// <param name="closeIfIdle">Close the session if idle too long; true when it was closed now.</param>
    /// <param name="stillOpen">Whether the session still exists (false: closed elsewhere, the listing is stale).</param>
    /// <returns>Ids closed by this sweep or already gone.</returns>
    public async Task<IReadOnlyList<string>> SweepAsync(
        IReadOnlyCollection<string> sessionIds,
        Func<string, Task<bool>> closeIfIdle,
        Func<string, Task<bool>> stillOpen,
        CancellationToken cancellationToken = default)
    {
        // All at once: a session busy with a long inspection must not hold up the others.
        var checks = sessionIds.Select(id => CheckAsync(id, closeIfIdle, stillOpen, cancellationToken)).ToList();
        var outcomes = await Task.WhenAll(checks);
        return outcomes.OfType<string>().ToArray();
    }

    private async Task<string?> CheckAsync(
        string sessionId, Func<string, Task<bool>> closeIfIdle, Func<string, Task<bool>> stillOpen, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await closeIfIdle(sessionId))
            {
                LogExpired(sessionId);
                return sessionId;
            }

            return await stillOpen(sessionId) ? null : sessionId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failing session must not stop the sweep; it is retried on the next one.
            LogCheckFailed(ex, sessionId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} closed after being idle")]
    private partial void LogExpired(string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idle check of session {SessionId} failed; retried on the next sweep")]
    private partial void LogCheckFailed(Exception exception, string sessionId);
}
