using Aoi.Grains.Golden;

namespace Aoi.Tests.Golden;

/// <summary>The hold a rename puts on a folder grain: waiters continue on release or once the hold has expired.</summary>
public sealed class GoldenFolderHoldTests
{
    [Fact]
    public async Task WaiterContinuesWhenTheHolderReleases()
    {
        var hold = new GoldenFolderHold(TimeProvider.System);
        var lease = Guid.NewGuid();
        hold.Take(lease, TimeSpan.FromHours(1));

        var waiter = hold.WaitUntilFreeAsync();
        hold.Release(Guid.NewGuid()); // somebody else's lease changes nothing
        var stillHeld = hold.IsHeld;
        hold.Release(lease);
        await waiter;

        Assert.True(stillHeld);
        Assert.False(hold.IsHeld);
    }

    [Fact]
    public async Task ExpiredHoldFreesTheFolder()
    {
        var hold = new GoldenFolderHold(TimeProvider.System);
        hold.Take(Guid.NewGuid(), TimeSpan.Zero);

        await hold.WaitUntilFreeAsync();

        Assert.False(hold.IsHeld);
    }

    [Fact]
    public async Task FreeFolderDoesNotWait()
    {
        var hold = new GoldenFolderHold(TimeProvider.System);

        var wait = hold.WaitUntilFreeAsync();

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }
}
