using System.Text;
using System.Text.Json.Nodes;
using Amqp;

namespace Aoi.Tests.Cfx;

/// <summary>
/// A subscriber on the broker, as a line dashboard or MES would be: an AMQPNetLite receiver on the test's address,
/// reading the CFX envelopes (JSON in the message body) in arrival order and accepting each.
/// </summary>
public sealed class CfxSubscriber : IAsyncDisposable
{
    /// <summary>A guard against a test hanging forever, not a performance limit.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Connection connection;
    private readonly ReceiverLink receiver;

    private CfxSubscriber(Connection connection, ReceiverLink receiver)
    {
        this.connection = connection;
        this.receiver = receiver;
    }

    public static async Task<CfxSubscriber> ConnectAsync(string broker, string address)
    {
        var connection = await new ConnectionFactory().CreateAsync(new Address(broker));
        var session = new Session(connection);
        return new CfxSubscriber(connection, new ReceiverLink(session, "aoi-cfx-test-" + Guid.NewGuid().ToString("N"), address));
    }

    /// <summary>The next message, skipping heartbeats unless asked for: the envelope and the AMQP message around it.</summary>
    public async Task<(JsonObject Envelope, Message Amqp)> NextAsync(bool skipHeartbeats = true)
    {
        while (true)
        {
            var message = await receiver.ReceiveAsync(Patience)
                ?? throw new TimeoutException($"no CFX message within {Patience.TotalSeconds} s");
            receiver.Accept(message);
            var envelope = (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString((byte[])message.Body))!;
            if (!skipHeartbeats || (string?)envelope["MessageName"] != "CFX.Heartbeat")
            {
                return (envelope, message);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> envelopes other than heartbeats.</summary>
    public async Task<List<JsonObject>> TakeAsync(int count)
    {
        var envelopes = new List<JsonObject>();
        while (envelopes.Count < count)
        {
            envelopes.Add((await NextAsync()).Envelope);
        }

        return envelopes;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(5), null);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or ObjectDisposedException)
        {
            // The broker went away under the test (outage tests): nothing to close.
        }
    }
}
