using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Grains;

/// <summary>
/// Keeps the session directory (key 0) informed. The directory only serves listings and sweeps, so a failure to
/// reach it is logged and never fails the session operation itself.
/// </summary>
internal sealed partial class SessionDirectoryRegistration(IGrainFactory grains, ILogger logger)
{
    private ISessionDirectoryGrain Directory => grains.GetGrain<ISessionDirectoryGrain>(0);

    public async Task RegisterAsync(string sessionId, string productName)
    {
        try
        {
            await Directory.RegisterAsync(sessionId, productName);
        }
        catch (Exception ex)
        {
            LogDirectoryFailure(ex, "register", sessionId);
        }
    }

    public async Task UnregisterAsync(string sessionId)
    {
        try
        {
            await Directory.UnregisterAsync(sessionId);
        }
        catch (Exception ex)
        {
            LogDirectoryFailure(ex, "unregister", sessionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session directory could not {Operation} session {SessionId}")]
    private partial void LogDirectoryFailure(Exception exception, string operation, string sessionId);
}
