using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>Session status object of spec 7.4.</summary>
[GenerateSerializer, Immutable, Alias("aoi.SessionStatus")]
public sealed record SessionStatus(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string ProductName,
    [property: Id(2)] JsonObject ClientInfo,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset LastActivity,
    [property: Id(5)] int InspectionCount,
    [property: Id(6)] bool Busy);
