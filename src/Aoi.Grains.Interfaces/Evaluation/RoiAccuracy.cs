namespace Aoi.Grains.Interfaces;

/// <summary>
/// Accuracy of one compare ROI's library under the spec 3.6 protocol. Scores are the best similarity over the taught
/// goldens; a crop passes iff that reaches <see cref="Threshold"/>, which is exactly the server's first-match verdict.
/// <see cref="Margin"/> = genuine min − defect max (genuine nuisance and unseen captures together);
/// <see cref="SuggestedThreshold"/> is null when the ranges overlap (see <see cref="Note"/>). <see cref="Error"/> is
/// set when the ROI could not be evaluated (no readable best golden…); the other figures are then empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.RoiAccuracy")]
public sealed record RoiAccuracy(
    [property: Id(0)] int RoiId,
    [property: Id(1)] double Threshold,
    [property: Id(2)] string MethodName,
    [property: Id(3)] ScoreSummary Genuine,
    [property: Id(4)] ScoreSummary Unseen,
    [property: Id(5)] DefectSummary[] Defects,
    [property: Id(6)] VariantVerdict[] Escapes,
    [property: Id(7)] VariantVerdict[] FalseCalls,
    [property: Id(8)] double? Margin,
    [property: Id(9)] double? SuggestedThreshold,
    [property: Id(10)] string? Note,
    [property: Id(11)] SuspectGolden[] SuspectGoldens,
    [property: Id(12)] int TaughtCount,
    [property: Id(13)] double TimeMsPerScore,
    [property: Id(14)] double TimeMsTotal,
    [property: Id(15)] string? Error);
