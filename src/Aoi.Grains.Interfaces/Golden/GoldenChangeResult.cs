namespace Aoi.Grains.Interfaces;

/// <summary>
/// Outcome of a change to one golden folder (spec 4.4, 7.6): HTTP status, legacy error text, and the name the
/// previous best golden was backed up under (null when there was none or nothing was backed up).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenChangeResult")]
public sealed record GoldenChangeResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string? BackupName)
{
    public bool Succeeded => Status == 200;
}
