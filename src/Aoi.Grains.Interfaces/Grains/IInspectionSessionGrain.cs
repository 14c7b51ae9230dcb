using System.Text.Json.Nodes;

namespace Aoi.Grains.Interfaces;

/// <summary>A line client's session (key: lower-case UUID). One inspection at a time; persisted across restarts.</summary>
[Alias("aoi.IInspectionSessionGrain")]
public interface IInspectionSessionGrain : IGrainWithStringKey
{
    /// <summary>Open the session for an existing product, keeping the station's client_info; null when the product does not exist.</summary>
    Task<SessionStatus?> CreateAsync(string productName, JsonObject clientInfo);

    /// <summary>Current status, or null when the session does not exist (never created or closed).</summary>
    Task<SessionStatus?> GetStatusAsync();

    /// <summary>
    /// One inspection, single-image or grouped (spec 6.4, 6.5); refused as busy while another one runs. Each ROI
    /// result goes to <paramref name="observer"/> as soon as it is known. ROIs unanswered when the inspection's time
    /// budget (Aoi:Inspection:BudgetSeconds) ends fail; the caller's token ends the wait (no answer then).
    /// </summary>
    /// <remarks>The budget is the deadline; the attribute only lifts Orleans' short default for this long call.</remarks>
    [ResponseTimeout("00:10:00")]
    Task<InspectionOutcome> InspectAsync(InspectionRequest request, IInspectionProgressObserver? observer = null,
        CancellationToken cancellationToken = default);

    /// <summary>Close and delete the session folder; busy while an inspection runs, not found when unknown.</summary>
    Task<CloseOutcome> CloseAsync();

    /// <summary>Close the session if it has been idle longer than the timeout; true when it was closed.</summary>
    Task<bool> ExpireIfIdleAsync(TimeSpan idleTimeout);
}
