namespace Aoi.Grains.Interfaces;

/// <summary>
/// Outcome of <see cref="IGoldenReviewGrain.ApplyReviewAsync"/>: the golden learned (or found learned already), whether
/// a regression sample was kept, a learned golden removed because its inspection is now a confirmed defect, the
/// regression sample that refused learning, and a note for the reviewer (e.g. the library already lets this defect pass).
/// </summary>
[GenerateSerializer, Immutable, Alias("aoi.GoldenReviewResult")]
public sealed record GoldenReviewResult(
    [property: Id(0)] GoldenReviewOutcome Outcome,
    [property: Id(1)] string? LearnedFile,
    [property: Id(2)] bool SampleKept,
    [property: Id(3)] string? RemovedLearnedFile,
    [property: Id(4)] RegressionEscape? Escape,
    [property: Id(5)] string? Note);
