namespace Aoi.Grains.Interfaces;

/// <summary>
/// Scores of one group of must-pass crops of a ROI (genuine nuisance variants or unseen clean captures). Min and mean
/// are null when the group is empty; <see cref="PassRate"/> is a fraction 0..1, null when empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.ScoreSummary")]
public sealed record ScoreSummary(
    [property: Id(0)] double? Min,
    [property: Id(1)] double? Mean,
    [property: Id(2)] double? PassRate,
    [property: Id(3)] int Count);
