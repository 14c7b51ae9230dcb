using Aoi.Grains.Grains;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aoi.Tests.Hosting;

public sealed class SessionExpirySweepTests
{
    private readonly SessionExpirySweep sweep = new(NullLogger<SessionExpirySweep>.Instance);

    [Fact]
    public async Task ForgetsSessionsClosedNowAndSessionsAlreadyGoneOnly()
    {
        var idle = new HashSet<string> { "idle" };
        var existing = new HashSet<string> { "idle", "active" };
        var asked = new List<string>();

        var gone = await sweep.SweepAsync(
            ["idle", "active", "vanished"],
            id => { lock (asked) { asked.Add(id); } return Task.FromResult(idle.Contains(id)); },
            id => Task.FromResult(existing.Contains(id)),
            TestContext.Current.CancellationToken);

        Assert.Equal(["idle", "vanished"], gone.Order());
        Assert.Equal(["active", "idle", "vanished"], asked.Order());
    }

    [Fact]
    public async Task AFailingSessionDoesNotStopTheOthersAndIsKept()
    {
        var gone = await sweep.SweepAsync(
            ["broken", "idle"],
            id => id == "broken" ? Task.FromException<bool>(new TimeoutException("no answer")) : Task.FromResult(true),
            _ => Task.FromResult(true),
            TestContext.Current.CancellationToken);

        Assert.Equal(["idle"], gone);
    }

    [Fact]
    public async Task ABusySessionDoesNotHoldUpTheOthers()
    {
        var busy = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var idleAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = sweep.SweepAsync(
            ["busy", "idle"],
            id =>
            {
                if (id == "busy")
                {
                    return busy.Task;
                }

                idleAsked.SetResult();
                return Task.FromResult(true);
            },
            _ => Task.FromResult(true),
            TestContext.Current.CancellationToken);

        // The idle session is asked while the busy one has not answered yet.
        await idleAsked.Task.WaitAsync(TestContext.Current.CancellationToken);
        busy.SetResult(false);
        Assert.Equal(["idle"], await running);
    }
}
