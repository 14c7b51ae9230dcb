namespace Aoi.Grains.Interfaces;

/// <summary>The single registry of open sessions (key 0): listing and idle sweeps.</summary>
[Alias("aoi.ISessionDirectoryGrain")]
public interface ISessionDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Record an opened session.</summary>
    Task RegisterAsync(string sessionId, string productName);

    /// <summary>Forget a closed session.</summary>
    Task UnregisterAsync(string sessionId);

    /// <summary>Ids of open sessions, oldest first.</summary>
    Task<string[]> ListAsync();

    /// <summary>Product of the most recently opened session still open, or null.</summary>
    Task<string?> GetCurrentProductAsync();
}
