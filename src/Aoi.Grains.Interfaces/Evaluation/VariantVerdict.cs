namespace Aoi.Grains.Interfaces;

/// <summary>
/// A crop the library judged wrongly: an escape (defect passed) or a false call (genuine failed). Golden = the golden
/// that decided it (the first in library order reaching the threshold for an escape, the best-scoring one otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.VariantVerdict")]
public sealed record VariantVerdict(
    [property: Id(0)] string Variant,
    [property: Id(1)] double Score,
    [property: Id(2)] string? Golden);
