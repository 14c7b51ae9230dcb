namespace Aoi.Grains.Interfaces;

/// <summary>A golden file the library-health check asks an engineer to review, each reason carrying its measure.</summary>
[GenerateSerializer, Immutable, Alias("aoi.SuspectGolden")]
public sealed record SuspectGolden(
    [property: Id(0)] string File,
    [property: Id(1)] string[] Reasons);
