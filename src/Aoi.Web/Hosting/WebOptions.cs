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
    /// How long a co-hosted server holds back listening at start while it warms up (engines, compare models, one rehearsed
    /// inspection per product), so its first inspection is a warm one; 0 listens at once. Past it the server listens and
    /// the warm-up goes on behind it.
    /// </summary>
    [Range(0, 120)] public int ListenWhenWarmSeconds { get; set; } = 20;

    /// <summary>
    /// How much longer than the inspection budget (Aoi:Inspection:BudgetSeconds) the front end waits for an answer
    /// before it takes the silo as lost and answers 503: the time the answer needs to travel back.
    /// </summary>
    [Range(1, 60)] public int InspectionGraceSeconds { get; set; } = 5;
}
