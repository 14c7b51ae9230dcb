namespace Aoi.Grains.Interfaces;

/// <summary>
/// Answer of <see cref="ILibraryHealthGrain.EvaluateAsync"/>: 200 with the evaluation, 404 unknown product, 422 unusable
/// configuration (with the validation messages).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.EvaluationOutcome")]
public sealed record EvaluationOutcome(
    [property: Id(0)] int Status,
    [property: Id(1)] string? Error,
    [property: Id(2)] string[] ValidationErrors,
    [property: Id(3)] ProductEvaluation? Evaluation);
