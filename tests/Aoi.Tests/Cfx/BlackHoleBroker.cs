using System.Net;
using System.Net.Sockets;

namespace Aoi.Tests.Cfx;

/// <summary>
/// A "broker" on loopback that accepts TCP connections and never says a word: the slowest broker there is. A client
/// that waits for it waits forever; <see cref="Accepted"/> completes when the first connection arrives.
/// </summary>
public sealed class BlackHoleBroker : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> connections = [];
    private readonly TaskCompletionSource accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public BlackHoleBroker()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Url => $"amqp://guest:guest@127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Completes when a client has connected (and is now waiting for an answer that never comes).</summary>
    public Task Accepted => accepted.Task;

    /// <summary>Connections accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (connections)
            {
                return connections.Count;
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                lock (connections)
                {
                    connections.Add(socket);
                }

                accepted.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        lock (connections)
        {
            connections.ForEach(c => c.Dispose());
        }

        stop.Dispose();
    }

    /// <summary>A loopback port nothing listens on (connections are refused at once).</summary>
    public static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
