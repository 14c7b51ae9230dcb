namespace Aoi.Grains.Interfaces;

/// <summary>
/// One recorded change to a product, ROI configuration, colour configuration or golden library: who made it (API key
/// name, trusted network or loopback, with the role), when, through which endpoint, on what, and the state before and
/// after (configuration JSON text, or golden file names with sizes and SHA-256 hashes, as JSON text).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Who,
    [property: Id(2)] string Role,
    [property: Id(3)] string Action,
    [property: Id(4)] string? ProductName,
    [property: Id(5)] int? RoiId,
    [property: Id(6)] int Status,
    [property: Id(7)] string? Before,
    [property: Id(8)] string? After);
