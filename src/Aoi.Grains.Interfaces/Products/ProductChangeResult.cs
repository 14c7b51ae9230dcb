namespace Aoi.Grains.Interfaces;

/// <summary>Outcome of creating or importing a product or saving its colours: done (how many ROIs or ranges, what was done) or refused.</summary>
[GenerateSerializer, Immutable, Alias("aoi.ProductChangeResult")]
public sealed record ProductChangeResult(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] int Count,
    [property: Id(2)] string? Message)
{
    public static ProductChangeResult Refused(FailureKind kind, string error, IEnumerable<string>? validationErrors = null) =>
        new(new Failure(kind, error, validationErrors?.ToArray()), 0, null);
}
