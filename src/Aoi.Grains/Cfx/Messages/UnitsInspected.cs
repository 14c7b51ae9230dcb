namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Production.TestAndInspection.UnitsInspected: the result of inspecting the units of one transaction, per unit
/// and per inspection (ROI), with the defects found. Note the standard's spelling TransactionId here.
/// </summary>
public sealed record UnitsInspected(
    Guid TransactionId,
    InspectionMethod InspectionMethod,
    SamplingInformation SamplingInformation,
    Operator? Inspector,
    string? RecipeName,
    string? RecipeRevision,
    IReadOnlyList<InspectedUnit> InspectedUnits) : CfxMessage(Name)
{
    public const string Name = "CFX.Production.TestAndInspection.UnitsInspected";
}
