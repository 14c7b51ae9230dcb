namespace Aoi.Grains.Interfaces;

/// <summary>
/// Outcome of a change to one golden folder (spec 4.4, 7.6): HTTP status, legacy error text, and the name the
/// previous best golden was backed up under (null when there was none or nothing was backed up), and the goldens the
/// ROI's rebuilt compare model leaves out, with reasons (null when the model was not rebuilt).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenChangeResult")]
public sealed record GoldenChangeResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string? BackupName,
    [property: Id(3)] ExcludedGoldenNote[]? ModelExclusions = null)
{
    public bool Succeeded => Status == 200;
}
