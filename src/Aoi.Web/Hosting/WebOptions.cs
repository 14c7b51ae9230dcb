namespace Aoi.Web.Hosting;

/// <summary>Front-end settings bound from the "AoiWeb" section.</summary>
public sealed class WebOptions
{
    public const string SectionName = "AoiWeb";

    /// <summary>Warm the engines in the background at start-up (tests switch it off to save CPU).</summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>How long POST /api/initialize waits for warm-up before answering (the clients allow 25 s).</summary>
    public int InitializeWaitSeconds { get; set; } = 20;
}
