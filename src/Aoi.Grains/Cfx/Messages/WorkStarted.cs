namespace Aoi.Grains.Cfx.Messages;

/// <summary>CFX.Production.WorkStarted: the inspection of a fixture began. Note the standard's spelling TransactionID.</summary>
public sealed record WorkStarted(
    string? PrimaryIdentifier,
    string? HermesIdentifier,
    Guid TransactionID,
    int? Lane,
    int UnitCount,
    IReadOnlyList<UnitPosition> Units,
    string? RecipeName,
    string? Revision) : CfxMessage(Name)
{
    public const string Name = "CFX.Production.WorkStarted";
}
