using System.Text;
using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>
/// <see cref="ICfxTransport"/> over AMQP 1.0 with AMQPNetLite, framed the way the CFX SDK frames messages: the
/// envelope as UTF-8 JSON in one Data section, durable, message-id = UniqueID, subject "&lt;handle&gt;.&lt;message
/// name&gt;", content type JSON, and the application properties cfx-topic, cfx-message, cfx-handle (and cfx-target
/// when a message has a target), so receivers can filter without reading the body.
/// </summary>
public sealed class AmqpCfxTransport(IOptions<CfxOptions> options) : ICfxTransport
{
    public const string ContentType = "application/json; charset=\"utf-8\"";

    private readonly CfxOptions settings = options.Value;
    private Connection? connection;
    private Session? session;
    private SenderLink? sender;

    public bool IsOpen => connection is { IsClosed: false } && sender is { IsClosed: false };

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await CloseAsync();
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = $"{settings.Handle}-{Guid.NewGuid():N}";
        // The peers exchange empty frames when idle, so a broker that vanished without closing the TCP connection
        // is noticed instead of leaving the link open forever.
        factory.AMQP.IdleTimeout = 60_000;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.SendTimeout);
        var connecting = factory.CreateAsync(new Address(settings.Broker!.Trim()), budget.Token);
        try
        {
            connection = await connecting.WaitAsync(budget.Token);
        }
        catch
        {
            // A connection that completes after the budget ran out must not stay open behind our back.
            _ = connecting.ContinueWith(t => t.Result.CloseAsync(), TaskContinuationOptions.OnlyOnRanToCompletion);
            throw;
        }

        session = new Session(connection);
        sender = new SenderLink(session, $"aoi-cfx-{settings.Handle}", settings.Address!.Trim());
    }

    public async Task SendAsync(CfxOutboxMessage message, CancellationToken cancellationToken)
    {
        var link = sender ?? throw new InvalidOperationException("The CFX transport is not open");
        await link.SendAsync(ToAmqp(message), settings.SendTimeout).WaitAsync(cancellationToken);
    }

    /// <summary>The AMQP form of an outbox message (see the class summary).</summary>
    public static Message ToAmqp(CfxOutboxMessage message)
    {
        var topic = message.MessageName.Contains('.') ? message.MessageName[..message.MessageName.LastIndexOf('.')] : message.MessageName;
        return new Message
        {
            BodySection = new Data { Binary = Encoding.UTF8.GetBytes(message.Envelope) },
            Header = new Header { Durable = true },
            Properties = new Properties
            {
                MessageId = message.UniqueId.ToString(),
                ContentType = ContentType,
                CreationTime = message.TimeStamp.UtcDateTime,
                Subject = $"{message.Source}.{message.MessageName}",
                ReplyTo = message.Source,
            },
            ApplicationProperties = new ApplicationProperties
            {
                ["cfx-topic"] = topic,
                ["cfx-message"] = message.MessageName,
                ["cfx-handle"] = message.Source,
            },
        };
    }

    public async Task CloseAsync()
    {
        var open = connection;
        (connection, session, sender) = (null, null, null);
        if (open is { IsClosed: false })
        {
            try
            {
                await open.CloseAsync(TimeSpan.Zero, null);
            }
            catch (Exception ex) when (ex is AmqpException or ObjectDisposedException or InvalidOperationException or TimeoutException)
            {
                // Closing a connection that already failed: nothing left to release.
            }
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync();
}
