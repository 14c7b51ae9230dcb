namespace Aoi.Grains.Engines;

/// <summary>Outcome of warming the engines: all usable, or the reasons of those that are not.</summary>
public sealed record WarmupReport(bool Completed, IReadOnlyList<string> Failures)
{
    public bool Healthy => Completed && Failures.Count == 0;
}
