namespace Aoi.Grains.Audit;

/// <summary>
/// One day of the audit log. Not reentrant: appends are stored one at a time, so the stored list only ever grows by
/// whole entries. A day key keeps each stored row bounded and needs no schema beyond the grain storage tables, so the
/// log lives wherever grain state lives (SQLite or PostgreSQL).
/// </summary>
public sealed class AuditLogGrain([PersistentState("audit", "aoi")] IPersistentState<AuditLogState> state)
    : Grain, IAuditLogGrain
{
    public async Task AppendAsync(AuditEntry entry)
    {
        state.State.Entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep memory equal to storage, so a later append cannot persist an entry the caller was told failed.
            state.State.Entries.RemoveAt(state.State.Entries.Count - 1);
            throw;
        }
    }

    public Task<AuditEntry[]> ListAsync() => Task.FromResult(state.State.Entries.ToArray());
}
