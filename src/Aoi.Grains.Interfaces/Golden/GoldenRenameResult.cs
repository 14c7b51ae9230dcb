namespace Aoi.Grains.Interfaces;

/// <summary>Outcome of renaming golden folders (spec 4.4 "Rename folders", 7.6): folders renamed, or refused.</summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenRenameResult")]
public sealed record GoldenRenameResult(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] int RenamedCount);
