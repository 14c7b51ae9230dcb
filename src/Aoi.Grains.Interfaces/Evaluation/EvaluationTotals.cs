namespace Aoi.Grains.Interfaces;

/// <summary>Product totals of an evaluation; rates are fractions 0..1, null when nothing of that group was scored.</summary>
[GenerateSerializer, Immutable, Alias("aoi.EvaluationTotals")]
public sealed record EvaluationTotals(
    [property: Id(0)] int Rois,
    [property: Id(1)] int GenuineCount,
    [property: Id(2)] double? GenuinePassRate,
    [property: Id(3)] int UnseenCount,
    [property: Id(4)] double? UnseenPassRate,
    [property: Id(5)] int DefectCount,
    [property: Id(6)] int Escapes,
    [property: Id(7)] double? EscapeRate,
    [property: Id(8)] int FalseCalls,
    [property: Id(9)] int SuspectGoldens,
    [property: Id(10)] int FailedRois,
    [property: Id(11)] double ElapsedMs);
