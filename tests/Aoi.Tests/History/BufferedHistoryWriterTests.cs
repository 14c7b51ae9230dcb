using System.Diagnostics.Metrics;
using Aoi.Grains.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Aoi.Tests.History.HistoryRecords;

namespace Aoi.Tests.History;

public sealed class BufferedHistoryWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BufferedHistoryWriter Writer(IHistoryStore store, HistoryOptions options) =>
        new(store, Options.Create(options), new AoiMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            TimeProvider.System, NullLogger<BufferedHistoryWriter>.Instance);

    [Fact]
    public async Task AHangingDatabaseNeverBlocksTheCallerAndOverflowIsCounted()
    {
        var store = new HangingHistoryStore();
        var writer = Writer(store, new HistoryOptions { QueueCapacity = 3, BatchSize = 1 });
        await writer.StartAsync(Ct);
        Assert.True(writer.TryEnqueue(Make("first", Start)));
        Assert.Equal(1, await store.WriteEntered.WaitAsync(Ct)); // the writer now hangs on its first batch

        // TryEnqueue is synchronous: returning at all proves it did not wait for the hanging database.
        var accepted = Enumerable.Range(0, 5).Select(i => writer.TryEnqueue(Make($"r{i}", Start))).ToList();

        Assert.Equal([true, true, true, false, false], accepted);
        Assert.Equal(3, writer.Depth);
        Assert.Equal(2, writer.Dropped);
        Assert.Equal(0, writer.Written);
        await writer.StopAsync(Ct);
    }

    [Fact]
    public async Task ABatchIsRetriedAndDroppedAndCountedWhenAttemptsRunOut()
    {
        var store = new FailingStore(failures: int.MaxValue);
        var writer = Writer(store, new HistoryOptions { MaxWriteAttempts = 3, RetryDelayMs = 1, BatchSize = 10 });
        await writer.StartAsync(Ct);
        writer.TryEnqueue(Make("a", Start));
        writer.TryEnqueue(Make("b", Start));
        while (writer.Dropped < 2)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(3, store.Calls);
        Assert.Equal(2, writer.Dropped);
        await writer.StopAsync(Ct);
    }

    [Fact]
    public async Task ATransientFailureIsRetriedUntilTheBatchIsStored()
    {
        var store = new FailingStore(failures: 2);
        var writer = Writer(store, new HistoryOptions { MaxWriteAttempts = 5, RetryDelayMs = 1 });
        await writer.StartAsync(Ct);
        writer.TryEnqueue(Make("a", Start));
        while (writer.Written < 1)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(3, store.Calls);
        Assert.Equal(0, writer.Dropped);
        Assert.Equal(["a"], store.Stored.Select(r => r.Id));
        await writer.StopAsync(Ct);
    }

    private sealed class FailingStore(int failures) : IHistoryStore
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public List<InspectionRecord> Stored { get; } = [];

        public Task WriteAsync(IReadOnlyList<InspectionRecord> batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) <= failures)
            {
                throw new InvalidOperationException("database unavailable");
            }

            Stored.AddRange(batch);
            return Task.CompletedTask;
        }

        public Task<InspectionPage> QueryAsync(InspectionQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<InspectionRecord?> GetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<YieldCounts> YieldCountsAsync(string? product, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<SpcSample>> CompareSeriesAsync(string product, int roiId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<(string Id, string ImageFolder)>> ExpiredImagesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task ClearImagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<int> DeleteRecordedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
