namespace Aoi.Grains.Interfaces;

/// <summary>
/// Where one inspection's server time went, for operators and benchmarks (not part of the legacy JSON body): reading
/// and decoding the picture(s), the ROI fan-out, and the whole pipeline including snapshot, assembly and linking.
/// Grouped inspections sum the decode time of their groups.
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.InspectionTiming")]
public sealed record InspectionTiming(
    [property: Id(0)] double DecodeMs,
    [property: Id(1)] double RoiPhaseMs,
    [property: Id(2)] double PipelineMs,
    [property: Id(3)] int RoiCount);
