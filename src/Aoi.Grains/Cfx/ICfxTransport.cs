namespace Aoi.Grains.Cfx;

/// <summary>The link to the broker: open it, send one message and wait for the broker to take it, close it.</summary>
public interface ICfxTransport : IAsyncDisposable
{
    /// <summary>True while the connection and the sending link are open.</summary>
    bool IsOpen { get; }

    /// <summary>Connects and attaches the sending link; throws when the broker cannot be reached in time.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message and returns once the broker accepted it; throws otherwise (rejected, lost, timed out).</summary>
    Task SendAsync(CfxOutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Drops the connection (after a failure or at stop); safe to call when closed.</summary>
    Task CloseAsync();
}
