using Aoi.Grains.Inspection;

namespace Aoi.Tests.Inspection;

/// <summary>The silo's count of running inspections, which the start-up rehearsal waits on.</summary>
public sealed class LiveInspectionsTests
{
    [Fact]
    public async Task AWaiterReturnsOnlyOnceEveryRunningInspectionHasEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = new LiveInspections();
        var first = live.Enter();
        var second = live.Enter();

        var waiting = live.WhenNoneAsync(ct);
        first.Dispose();
        first.Dispose(); // a lease counts once, however often it is disposed
        await Task.Delay(200, ct);
        Assert.False(waiting.IsCompleted);

        second.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.False(live.Any);
    }
}
