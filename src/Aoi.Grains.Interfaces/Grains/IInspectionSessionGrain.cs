namespace Aoi.Grains.Interfaces;

/// <summary>A line client's session (key: lower-case UUID). One inspection at a time; persisted across restarts.</summary>
[Alias("aoi.IInspectionSessionGrain")]
public interface IInspectionSessionGrain : IGrainWithStringKey
{
    /// <summary>Open the session for an existing product; null when the product does not exist.</summary>
    Task<SessionStatus?> CreateAsync(string productName, string clientInfoJson);

    /// <summary>Current status, or null when the session does not exist (never created or closed).</summary>
    Task<SessionStatus?> GetStatusAsync();

    /// <summary>Single-image inspection (spec 6.4); 409 while another inspection of this session runs.</summary>
    Task<InspectionOutcome> InspectAsync(InspectRequest request);

    /// <summary>Single-image inspection that also reports every ROI result to the observer as soon as it finishes.</summary>
    Task<InspectionOutcome> InspectWithProgressAsync(InspectRequest request, IInspectionProgressObserver observer);

    /// <summary>Grouped inspection (spec 6.5); 409 while another inspection of this session runs.</summary>
    Task<InspectionOutcome> InspectGroupedAsync(GroupedInspectRequest request);

    /// <summary>Close and delete the session folder; 409 while busy, 404 when unknown.</summary>
    Task<CloseOutcome> CloseAsync();

    /// <summary>Close the session if it has been idle longer than the timeout; true when it was closed.</summary>
    Task<bool> ExpireIfIdleAsync(TimeSpan idleTimeout);
}
