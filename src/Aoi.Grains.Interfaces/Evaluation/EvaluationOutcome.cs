namespace Aoi.Grains.Interfaces;

/// <summary>
/// Answer of <see cref="ILibraryHealthGrain.EvaluateAsync"/>: the evaluation, or refused (bad method, unknown product,
/// unusable configuration with the validation messages).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.EvaluationOutcome")]
public sealed record EvaluationOutcome(
    [property: Id(0)] Failure? Failure,
    [property: Id(1)] ProductEvaluation? Evaluation);
