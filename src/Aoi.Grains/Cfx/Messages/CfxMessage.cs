using System.Text.Json.Serialization;

namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// A CFX message body. On the wire the body of an envelope names its type first, the way the CFX SDK's serializer
/// writes it: <c>"$type": "&lt;message name&gt;, CFX"</c>. Only the messages this server sends are listed.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(EndpointConnected), EndpointConnected.Name + ", CFX")]
[JsonDerivedType(typeof(Heartbeat), Heartbeat.Name + ", CFX")]
[JsonDerivedType(typeof(WorkStarted), WorkStarted.Name + ", CFX")]
[JsonDerivedType(typeof(WorkCompleted), WorkCompleted.Name + ", CFX")]
[JsonDerivedType(typeof(UnitsInspected), UnitsInspected.Name + ", CFX")]
public abstract record CfxMessage(string MessageName)
{
    /// <summary>The fully qualified CFX message name, e.g. CFX.Production.WorkStarted (the envelope's MessageName).</summary>
    [JsonIgnore]
    public string MessageName { get; } = MessageName;
}
