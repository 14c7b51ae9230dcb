namespace Aoi.Grains.Engines;

/// <summary>Engine warm-up of a standalone silo, bound from "Aoi:Warmup".</summary>
public sealed class EngineWarmupOptions
{
    public const string SectionName = "Aoi:Warmup";

    /// <summary>
    /// Warm the engines in the background when the silo starts, so the first inspection routed to it does not pay for
    /// loading the models (the co-hosted web front end has its own switch, AoiWeb:WarmUpOnStart).
    /// </summary>
    public bool OnStart { get; set; } = true;
}
