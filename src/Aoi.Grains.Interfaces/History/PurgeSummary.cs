namespace Aoi.Grains.Interfaces;

/// <summary>What one retention purge removed: image folders of expired inspections and expired history rows.</summary>
[GenerateSerializer, Immutable, Alias("aoi.PurgeSummary")]
public sealed record PurgeSummary(
    [property: Id(0)] int ImageFoldersDeleted,
    [property: Id(1)] int InspectionsDeleted,
    [property: Id(2)] DateTimeOffset PurgedAt);
