namespace Aoi.Grains.Interfaces;

/// <summary>
/// Outcome of a change to one golden folder (spec 4.4, 7.6): done, with the name the previous best golden was backed
/// up under (null when there was none or nothing was backed up) and the goldens the ROI's rebuilt compare model leaves
/// out, with reasons (null when the model was not rebuilt); or refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenChangeResult")]
public sealed record GoldenChangeResult(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] string? BackupName,
    [property: Id(2)] ExcludedGoldenNote[]? ModelExclusions = null)
{
    public bool Succeeded => Failure is null;

    public static GoldenChangeResult Done(string? backupName = null) => new(null, backupName);

    public static GoldenChangeResult Refused(FailureKind kind, string error) => new(new Failure(kind, error), null);
}
