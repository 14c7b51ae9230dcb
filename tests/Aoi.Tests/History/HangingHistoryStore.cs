using Aoi.Grains.History;

namespace Aoi.Tests.History;

/// <summary>A database that accepts a write and never answers (until cancelled); reads are empty.</summary>
public sealed class HangingHistoryStore : IHistoryStore
{
    private readonly TaskCompletionSource<int> entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the batch size when the first write starts hanging.</summary>
    public Task<int> WriteEntered => entered.Task;

    public async Task WriteAsync(IReadOnlyList<InspectionRecord> batch, CancellationToken cancellationToken)
    {
        entered.TrySetResult(batch.Count);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<InspectionPage> QueryAsync(InspectionQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new InspectionPage([], 0, query.Page, query.PageSize));

    public Task<InspectionRecord?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult<InspectionRecord?>(null);

    public Task<YieldCounts> YieldCountsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Task.FromResult(new YieldCounts([], []));

    public Task<IReadOnlyList<SpcSample>> CompareSeriesAsync(string product, int roiId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SpcSample>>([]);

    public Task<IReadOnlyList<(string Id, string ImageFolder)>> ExpiredImagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string)>>([]);

    public Task ClearImagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
}
