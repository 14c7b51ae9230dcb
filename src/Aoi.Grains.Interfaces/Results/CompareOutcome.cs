namespace Aoi.Grains.Interfaces;

/// <summary>Compare keys of a ROI result (spec 3.3). <see cref="Defect"/> names why a failed ROI failed (missing,
/// displaced, rotated, wrong_part, foreign_object, different; null when it passed or could not be judged) and
/// <see cref="Checks"/> holds the named checks behind the verdict (empty when none ran).</summary>
[GenerateSerializer, Immutable, Alias("aoi.CompareOutcome")]
public sealed record CompareOutcome(
    [property: Id(0)] string MatchResult,
    [property: Id(1)] double AiSimilarity,
    [property: Id(2)] double Threshold,
    [property: Id(3)] string? Defect = null,
    [property: Id(4)] CompareCheck[]? Checks = null)
{
    /// <summary>Value equality including the checks (a record compares arrays by reference).</summary>
    public bool Equals(CompareOutcome? other) =>
        other is not null && MatchResult == other.MatchResult && AiSimilarity.Equals(other.AiSimilarity) &&
        Threshold.Equals(other.Threshold) && Defect == other.Defect &&
        (Checks ?? []).SequenceEqual(other.Checks ?? []);

    public override int GetHashCode() => HashCode.Combine(MatchResult, AiSimilarity, Threshold, Defect, Checks?.Length ?? 0);
}
