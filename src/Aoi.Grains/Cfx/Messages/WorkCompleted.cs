namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Production.WorkCompleted: the inspection with this TransactionID ended (Failed = a unit failed).</summary>
public sealed record WorkCompleted(
    Guid TransactionID,
    WorkResult Result,
    string? PrimaryIdentifier,
    string? HermesIdentifier,
    int UnitCount,
    IReadOnlyList<UnitPosition> Units) : CfxMessage(Name)
{
    public const string Name = "CFX.Production.WorkCompleted";
}
