namespace Aoi.Grains.Evaluation;

/// <summary>
/// A crop scored against the taught goldens in library order: <see cref="Best"/> is the highest similarity and
/// <see cref="BestGolden"/> the first golden giving it; <see cref="FirstMatch"/> is the first golden reaching the
/// threshold, the one the server would stop at (null when none does).
/// </summary>
public sealed record LibraryScore(double Best, string BestGolden, string? FirstMatch)
{
    public bool Passed => FirstMatch is not null;

    /// <summary>The golden that decided the verdict: the matching one on a pass, the closest one on a fail.</summary>
    public string DecidingGolden => FirstMatch ?? BestGolden;
}
