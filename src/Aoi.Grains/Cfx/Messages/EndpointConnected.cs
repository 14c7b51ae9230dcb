namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.EndpointConnected: sent when this endpoint joins the CFX network. Request URI and address stay null: the
/// server publishes only and answers no CFX requests.
/// </summary>
public sealed record EndpointConnected(string CFXHandle, string? RequestNetworkUri, string? RequestTargetAddress) : CfxMessage(Name)
{
    public const string Name = "CFX.EndpointConnected";
}
