using Aoi.Grains.Cfx;

namespace Aoi.Tests.Cfx;

/// <summary>
/// A broker link under the test's control: it records what it was asked to send, can refuse chosen sends once, and
/// completes <see cref="Delivered(int)"/> when that many non-heartbeat messages got through.
/// </summary>
public sealed class FakeCfxTransport : ICfxTransport
{
    private readonly List<CfxOutboxMessage> delivered = [];
    private readonly HashSet<string> failOnce;
    private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];

    public FakeCfxTransport(params string[] failOnce) => this.failOnce = [.. failOnce];

    public bool IsOpen { get; private set; }

    public int Opens { get; private set; }

    /// <summary>Messages that got through, heartbeats left out, in order.</summary>
    public IReadOnlyList<CfxOutboxMessage> Messages
    {
        get
        {
            lock (delivered)
            {
                return delivered.Where(m => m.MessageName != "CFX.Heartbeat").ToList();
            }
        }
    }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        IsOpen = true;
        Opens++;
        return Task.CompletedTask;
    }

    public Task SendAsync(CfxOutboxMessage message, CancellationToken cancellationToken)
    {
        var handle = Handle(message);
        lock (delivered)
        {
            if (failOnce.Remove(handle))
            {
                throw new IOException($"link lost while sending {handle}");
            }

            delivered.Add(message);
            var count = delivered.Count(m => m.MessageName != "CFX.Heartbeat");
            foreach (var waiter in waiters.Where(w => w.Count <= count))
            {
                waiter.Done.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once <paramref name="count"/> messages (heartbeats left out) were delivered.</summary>
    public Task Delivered(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (delivered)
        {
            waiters.Add((count, done));
            if (Messages.Count >= count)
            {
                done.TrySetResult();
            }
        }

        return done.Task.WaitAsync(CfxSubscriber.Patience, TestContext.Current.CancellationToken);
    }

    /// <summary>The name the test gave a message (the CFX handle inside its EndpointConnected body).</summary>
    public static string Handle(CfxOutboxMessage message) =>
        System.Text.Json.Nodes.JsonNode.Parse(message.Envelope)!["MessageBody"]!["CFXHandle"]!.ToString();

    public Task CloseAsync()
    {
        IsOpen = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
