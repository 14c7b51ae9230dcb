namespace Aoi.Grains.Review;

/// <summary>
/// Told about every verdict once it is stored (e.g. a factory-bus publisher). Called after the answer is decided;
/// a sink's failure is logged and never changes the verdict. Register one to replace <see cref="NoReviewVerdictSink"/>.
/// </summary>
public interface IReviewVerdictSink
{
    Task VerdictStoredAsync(ReviewVerdictStored verdict, CancellationToken cancellationToken);
}

/// <summary>A stored verdict with its context: the inspection's board and station, and the verdict it replaced.</summary>
public sealed record ReviewVerdictStored(ReviewRecord Review, ReviewRecord? Replaced, string? Barcode, string? Station, DateTimeOffset InspectedAt);

/// <summary>The default sink: nobody listens.</summary>
public sealed class NoReviewVerdictSink : IReviewVerdictSink
{
    public Task VerdictStoredAsync(ReviewVerdictStored verdict, CancellationToken cancellationToken) => Task.CompletedTask;
}
