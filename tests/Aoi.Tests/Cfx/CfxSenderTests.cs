using Aoi.Grains.Cfx;
using Aoi.Tests.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Aoi.Tests.Cfx.CfxOutboxContract;

namespace Aoi.Tests.Cfx;

/// <summary>The sender against a real outbox (SQLite) and a broker link the test controls.</summary>
public sealed class CfxSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IOptions<CfxOptions> Options = Microsoft.Extensions.Options.Options.Create(new CfxOptions
    {
        Broker = "amqp://guest:guest@127.0.0.1:5672",
        Address = "/queue/test",
        Handle = "test.sender",
        RetryDelayMs = 10,
    });

    private static CfxSender Sender(ICfxOutbox outbox, ICfxTransport transport, CfxOutboxSignal? signal = null) =>
        new(outbox, transport, signal ?? new CfxOutboxSignal(), Metrics(), Options, TimeProvider.System, NullLogger<CfxSender>.Instance);

    private static CfxMetrics Metrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    [Fact]
    public async Task AcceptedMessagesLeaveTheOutboxAndTheRestFollowInOrderAfterAFailure()
    {
        await using var db = HistoryTestDatabase.Sqlite();
        var outbox = new SqlCfxOutbox(db.Database);
        await outbox.AppendAsync([Group("m1", "m2", "m3"), Group("m4", "m5")], 100, Ct);
        var transport = new FakeCfxTransport(failOnce: "m3");
        var sender = Sender(outbox, transport);

        await sender.StartAsync(Ct);
        await transport.Delivered(5);
        await sender.StopAsync(Ct);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], transport.Messages.Select(FakeCfxTransport.Handle));
        Assert.Equal(2, transport.Opens); // the failure closed the link; the sender reconnected
        Assert.Equal(0, await outbox.CountAsync(Ct));
        Assert.Null((await outbox.SenderAsync(Ct)).Owner); // released at stop
    }

    [Fact]
    public async Task OnlyTheLeaseHolderSendsAndAnotherTakesOverWhenItStops()
    {
        await using var db = HistoryTestDatabase.Sqlite();
        var outbox = new SqlCfxOutbox(db.Database);
        var (first, second) = (new FakeCfxTransport(), new FakeCfxTransport());
        var firstSender = Sender(outbox, first);
        await firstSender.StartAsync(Ct);
        await outbox.AppendAsync([Group("a1", "a2")], 100, Ct);
        await first.Delivered(2);
        var secondSender = Sender(outbox, second);
        await secondSender.StartAsync(Ct);
        await outbox.AppendAsync([Group("b1", "b2")], 100, Ct);
        await first.Delivered(4);

        await firstSender.StopAsync(Ct);
        await outbox.AppendAsync([Group("c1")], 100, Ct);
        await second.Delivered(1);
        await secondSender.StopAsync(Ct);

        Assert.Equal(["a1", "a2", "b1", "b2"], first.Messages.Select(FakeCfxTransport.Handle));
        Assert.Equal(["c1"], second.Messages.Select(FakeCfxTransport.Handle));
        Assert.Equal(1, second.Opens);
    }
}
