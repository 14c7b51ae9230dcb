using Aoi.Grains.Engines.Compare.Library;
using OpenCvSharp;

namespace Aoi.Tests.CompareMethod;

public sealed class LibraryModelCacheTests
{
    private static LibraryModelKey Key(string listing, string folder = "/tmp/aoi-cache-test/roi_1") =>
        new(folder, listing, 40, 30, "m");

    [Fact]
    public async Task ConcurrentRequestsForOneListingShareOneBuild()
    {
        var cache = new LibraryModelCache();
        var builds = 0;
        using var release = new ManualResetEventSlim();
        LibraryModel Build()
        {
            Interlocked.Increment(ref builds);
            release.Wait(TestContext.Current.CancellationToken);
            return new FakeModel(1);
        }

        var first = Task.Run(() => cache.GetOrBuild(Key("a:1"), Build), TestContext.Current.CancellationToken);
        var second = Task.Run(() => cache.GetOrBuild(Key("a:1"), Build), TestContext.Current.CancellationToken);
        while (Volatile.Read(ref builds) == 0)
        {
            await Task.Yield();
        }

        release.Set();
        Assert.Same(await first, await second);
        Assert.Equal(1, builds);
        Assert.True(cache.TryGet(Key("a:1"), out _));
        Assert.False(cache.TryGet(Key("a:2"), out _));
    }

    [Fact]
    public void AFailedBuildIsNotKept()
    {
        var cache = new LibraryModelCache();
        Assert.Throws<InvalidOperationException>(() => cache.GetOrBuild(Key("b"), () => throw new InvalidOperationException("bad file")));
        Assert.False(cache.TryGet(Key("b"), out _));
        Assert.NotNull(cache.GetOrBuild(Key("b"), () => new FakeModel(1)));
    }

    [Fact]
    public void TheBudgetEvictsTheLeastRecentlyUsedAndInvalidationDropsAFolder()
    {
        var cache = new LibraryModelCache(budgetBytes: 250);
        cache.GetOrBuild(Key("1"), () => new FakeModel(100));
        cache.GetOrBuild(Key("2"), () => new FakeModel(100));
        Assert.True(cache.TryGet(Key("1"), out _));
        cache.GetOrBuild(Key("3"), () => new FakeModel(100));

        Assert.False(cache.TryGet(Key("2"), out _));
        Assert.True(cache.TryGet(Key("1"), out _));
        Assert.True(cache.TryGet(Key("3"), out _));

        cache.InvalidateFolder("/tmp/aoi-cache-test/roi_1");
        Assert.Equal(0, cache.Count);
    }

    private sealed class FakeModel(long bytes) : LibraryModel("m", new Size(40, 30), ["best_golden.jpg"], [])
    {
        public override long Bytes => bytes;
    }
}
