using System.ComponentModel.DataAnnotations;

namespace Aoi.Grains.Inspection;

/// <summary>The inspection deadline, bound from "Aoi:Inspection".</summary>
public sealed class InspectionOptions
{
    public const string SectionName = "Aoi:Inspection";
    public const int DefaultBudgetSeconds = 50;

    /// <summary>
    /// Time one inspection may take on the session's silo, from its start there; ROIs not answered by then fail (never
    /// pass). Keep it below the stations' timeouts (T: 60 s) and above Aoi:RoiTimeoutSeconds.
    /// </summary>
    [Range(1, 600)] public int BudgetSeconds { get; set; } = DefaultBudgetSeconds;

    public TimeSpan Budget => TimeSpan.FromSeconds(BudgetSeconds);
}
