namespace Aoi.Grains.Audit;

/// <summary>
/// Persisted entries of one audit day. Stored as JSON with property names and the type name: do not rename or move.
/// </summary>
[GenerateSerializer, Alias("aoi.AuditLogState")]
public sealed class AuditLogState
{
    /// <summary>Entries in append order; never edited or removed.</summary>
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
