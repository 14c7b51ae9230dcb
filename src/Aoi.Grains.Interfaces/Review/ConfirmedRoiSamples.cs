namespace Aoi.Grains.Interfaces;

/// <summary>One compare ROI's confirmed defects (regression samples) and confirmed false calls with their current verdicts.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ConfirmedRoiSamples")]
public sealed record ConfirmedRoiSamples(
    [property: Id(0)] int RoiId,
    [property: Id(1)] double Threshold,
    [property: Id(2)] ConfirmedSampleVerdict[] Defects,
    [property: Id(3)] ConfirmedSampleVerdict[] FalseCalls);
