namespace Aoi.Grains.Cfx;

/// <summary>
/// The message bus as /api/health reports it: "off" (not configured), "connected", or "degraded" (configured, but
/// the broker is unreachable, nobody sends, or the outbox cannot be read). Inspections do not depend on it.
/// </summary>
public sealed record CfxBusStatus(string Status, long? Pending, string? Error)
{
    public const string Off = "off";
    public const string Connected = "connected";
    public const string Degraded = "degraded";
}
