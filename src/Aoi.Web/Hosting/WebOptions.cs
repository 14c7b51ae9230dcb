using System.ComponentModel.DataAnnotations;

namespace Aoi.Web.Hosting;

/// <summary>Front-end settings bound from the "AoiWeb" section.</summary>
public sealed class WebOptions
{
    public const string SectionName = "AoiWeb";

    /// <summary>Warm the engines in the background at start-up (tests switch it off to save CPU); silo hosts only.</summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>How long POST /api/initialize waits for warm-up before answering (the clients allow 25 s).</summary>
    [Range(0, 25)] public int InitializeWaitSeconds { get; set; } = 20;

    /// <summary>
    /// How much longer than the inspection budget (Aoi:Inspection:BudgetSeconds) the front end waits for an answer
    /// before it takes the silo as lost and answers 503: the time the answer needs to travel back.
    /// </summary>
    [Range(1, 60)] public int InspectionGraceSeconds { get; set; } = 5;
}
