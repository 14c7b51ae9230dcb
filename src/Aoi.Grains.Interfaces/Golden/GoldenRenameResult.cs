namespace Aoi.Grains.Interfaces;

/// <summary>Outcome of renaming golden folders (spec 4.4 "Rename folders", 7.6): status, error, folders renamed.</summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenRenameResult")]
public sealed record GoldenRenameResult(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] int RenamedCount);
