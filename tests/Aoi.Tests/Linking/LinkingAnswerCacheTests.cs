using Aoi.Grains.Linking;

namespace Aoi.Tests.Linking;

/// <summary>The per-barcode answer cache on a test-controlled clock.</summary>
public sealed class LinkingAnswerCacheTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void NotLinkedAnswer_IsCachedAsAnAnswer()
    {
        var cache = new LinkingAnswerCache(TimeSpan.FromSeconds(300), _clock);

        cache.Set("A", null);

        Assert.True(cache.TryGet("A", out var linked));
        Assert.Null(linked);
        Assert.False(cache.TryGet("B", out _));
    }

    [Fact]
    public void Entry_ExpiresExactlyAtTheCacheTime()
    {
        var cache = new LinkingAnswerCache(TimeSpan.FromSeconds(300), _clock);
        cache.Set("A", "X");

        _clock.Advance(TimeSpan.FromSeconds(300) - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet("A", out var linked));
        Assert.Equal("X", linked);

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGet("A", out _));
    }

    [Fact]
    public void ExpiredEntries_AreDropped_SoUniqueBarcodesDoNotAccumulate()
    {
        var cache = new LinkingAnswerCache(TimeSpan.FromSeconds(300), _clock);
        for (var i = 0; i < 100; i++)
        {
            cache.Set($"board-{i}", $"linked-{i}");
        }

        _clock.Advance(TimeSpan.FromSeconds(301));
        cache.Set("next-board", "linked");

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ZeroCacheTime_StoresNothing()
    {
        var cache = new LinkingAnswerCache(TimeSpan.Zero, _clock);

        cache.Set("A", "X");

        Assert.False(cache.TryGet("A", out _));
        Assert.Equal(0, cache.Count);
    }
}
