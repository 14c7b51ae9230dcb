namespace Aoi.Grains.Grains;

/// <summary>Persisted list of open sessions. Stored as JSON with property and type names: do not rename.</summary>
[GenerateSerializer, Alias("aoi.SessionDirectoryState")]
public sealed class SessionDirectoryState
{
    /// <summary>Open sessions in the order they were registered (oldest first).</summary>
    [Id(0)] public List<Entry> Sessions { get; set; } = [];

    /// <summary>One open session.</summary>
    [GenerateSerializer, Alias("aoi.SessionDirectoryState.Entry")]
    public sealed class Entry
    {
        /// <summary>Session id (lower-case UUID).</summary>
        [Id(0)] public string SessionId { get; set; } = "";

        /// <summary>Product the session inspects.</summary>
        [Id(1)] public string ProductName { get; set; } = "";

        /// <summary>When the session was registered.</summary>
        [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    }
}
