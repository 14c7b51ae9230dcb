namespace Aoi.Grains.Cfx.Messages;

/// <summary>
/// CFX.Structures.UnitPosition: one unit (device) of the work. Positions on the carrier are not known to the server,
/// so X, Y and Rotation stay 0 like the SDK's defaults.
/// </summary>
public sealed record UnitPosition(
    string? UnitIdentifier,
    int PositionNumber,
    string? PositionName,
    double X,
    double Y,
    double? Z,
    double Rotation,
    bool FlipX,
    bool FlipY,
    UnitStatus Status)
{
    public static UnitPosition Of(string? unitIdentifier, int positionNumber, UnitStatus status) =>
        new(unitIdentifier, positionNumber, $"device {positionNumber}", 0, 0, null, 0, false, false, status);
}
