namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Structures.Operator: the person (or system) who performed an inspection.</summary>
public sealed record Operator(string? OperatorIdentifier, ActorType ActorType, string? LastName, string? FirstName, string? LoginName);
