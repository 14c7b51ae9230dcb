namespace Aoi.Grains.Interfaces;

/// <summary>Append-only audit log of one UTC day (key "yyyy-MM-dd"), persisted through grain storage.</summary>
[Alias("aoi.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry; completes only once it is stored.</summary>
    Task AppendAsync(AuditEntry entry);

    /// <summary>Every entry of the day in the order they were appended.</summary>
    Task<AuditEntry[]> ListAsync();
}
