namespace Aoi.Grains.Interfaces;

/// <summary>A golden file that the ROI's compare model leaves out (unreadable, blurred, contradicting the library), with
/// the reason; the file itself stays in the folder for an engineer to review.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ExcludedGoldenNote")]
public sealed record ExcludedGoldenNote(
    [property: Id(0)] string File,
    [property: Id(1)] string Reason);
