namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Heartbeat: this endpoint is alive; the next one follows within <see cref="HeartbeatFrequency"/>.</summary>
public sealed record Heartbeat(string CFXHandle, TimeSpan HeartbeatFrequency) : CfxMessage(Name)
{
    public const string Name = "CFX.Heartbeat";
}
