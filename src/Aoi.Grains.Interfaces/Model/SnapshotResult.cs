namespace Aoi.Grains.Interfaces;

/// <summary>Outcome of reading a product: a snapshot, or not found, or an unusable file (422 + messages).</summary>
[GenerateSerializer, Immutable, Alias("aoi.SnapshotResult")]
public sealed record SnapshotResult(
    [property: Id(0)] ProductSnapshot? Snapshot,
    [property: Id(1)] bool NotFound,
    [property: Id(2)] string[] ValidationErrors);
