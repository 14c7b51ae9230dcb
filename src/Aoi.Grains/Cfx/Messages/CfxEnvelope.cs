namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// The CFX envelope every message travels in (IPC-2591): the message name and standard version, when the event
/// happened (with its UTC offset), a unique id receivers de-duplicate on, the sending endpoint's handle and, for
/// requests only, target and request id (always null here: this endpoint only publishes).
/// </summary>
public sealed record CfxEnvelope(
    string MessageName,
    string Version,
    DateTimeOffset TimeStamp,
    Guid UniqueID,
    string? Source,
    string? Target,
    string? RequestID,
    CfxMessage MessageBody)
{
    /// <summary>The CFX standard version the message definitions follow.</summary>
    public const string CfxVersion = "2.1";

    /// <summary>A published (not requested) message from <paramref name="source"/> about an event at <paramref name="at"/>.</summary>
    public static CfxEnvelope Publish(CfxMessage body, string source, DateTimeOffset at) =>
        new(body.MessageName, CfxVersion, at, Guid.NewGuid(), source, null, null, body);
}
