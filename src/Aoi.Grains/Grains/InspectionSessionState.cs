namespace Aoi.Grains.Grains;

/// <summary>
/// Persisted state of a session (spec 5.1). Stored as JSON with the type name: do not rename or move this class.
/// The busy flag is deliberately not here: after a restart no inspection is running.
/// </summary>
[GenerateSerializer, Alias("aoi.InspectionSessionState")]
public sealed class InspectionSessionState
{
    /// <summary>Product inspected by the session; null when the session does not exist (never created or closed).</summary>
    [Id(0)] public string? ProductName { get; set; }

    /// <summary>client_info object as sent at creation, as JSON text.</summary>
    [Id(1)] public string ClientInfoJson { get; set; } = "{}";

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Creation, and the start and end of every inspection; reads do not change it.</summary>
    [Id(3)] public DateTimeOffset LastActivity { get; set; }

    /// <summary>Completed inspections (status 200) of either kind.</summary>
    [Id(4)] public int InspectionCount { get; set; }

    /// <summary>End of the last completed inspection, or null before the first.</summary>
    [Id(5)] public DateTimeOffset? LastInspectionAt { get; set; }

    /// <summary>overall_result of the last completed inspection.</summary>
    [Id(6)] public bool LastPassed { get; set; }

    [Id(7)] public int LastTotalRois { get; set; }

    [Id(8)] public int LastPassedRois { get; set; }

    [Id(9)] public int LastFailedRois { get; set; }
}
