using System.Text.Json.Nodes;
using Aoi.Grains.Cfx;
using Aoi.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Cfx;

/// <summary>
/// CFX never in the way, shown without a real broker: one that never answers, one that refuses every connection,
/// none configured, and settings that cannot work. These run everywhere (no AOI_TEST_AMQP needed).
/// </summary>
public sealed class CfxWithoutBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> InspectAsync(HttpClient client, string session, byte[] jpeg) =>
        await HttpAssert.JsonAsync(await client.PostJsonAsync($"/api/session/{session}/inspect",
            new JsonObject { ["image"] = "data:image/jpeg;base64," + Convert.ToBase64String(jpeg) }));

    [Fact]
    public async Task AnswersComeBackWhileTheBrokerNeverAnswers()
    {
        await using var blackHole = new BlackHoleBroker();
        // A connection budget far longer than the test: the sender stays stuck in its first connection attempt.
        await using var server = new CfxTestServer(blackHole.Url, "/queue/aoi-cfx",
            new Dictionary<string, string?> { ["Aoi:Cfx:SendTimeoutSeconds"] = "3600" });
        using var client = server.CreateClient();
        await blackHole.Accepted.WaitAsync(CfxSubscriber.Patience, Ct);
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);

        var first = await InspectAsync(client, session, SyntheticProduct.GoodImage());
        var second = await InspectAsync(client, session, SyntheticProduct.BlackImage());

        Assert.True((bool)first["overall_result"]!["passed"]!);
        Assert.False((bool)second["overall_result"]!["passed"]!);
        // Both answers arrived while the only connection to the broker was still waiting for its first byte: had the
        // answer waited for the broker, these calls would never have returned.
        Assert.Equal(1, blackHole.Connections);
        Assert.Equal(0, server.Metrics.Sent);
        var bus = await CfxBrokerTests.WaitForAsync(client, b => (long?)b["pending"] >= 1 + 2 * 3, "7 messages waiting in the outbox");
        Assert.Equal("degraded", (string?)bus["status"]);
        Assert.Equal("healthy", (await CfxTestServer.HealthAsync(client, Ct)).Status);
    }

    [Fact]
    public async Task MessagesPastTheOutboxBoundAreDroppedWholeAndCounted()
    {
        var broker = $"amqp://guest:guest@127.0.0.1:{BlackHoleBroker.ClosedPort()}";
        await using var server = new CfxTestServer(broker, "/queue/aoi-cfx",
            new Dictionary<string, string?> { ["Aoi:Cfx:OutboxCapacity"] = "7" });
        using var client = server.CreateClient();
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);

        for (var i = 0; i < 3; i++)
        {
            await InspectAsync(client, session, SyntheticProduct.GoodImage());
        }

        // EndpointConnected + two inspections fill the 7 places; the third inspection's 3 messages are refused whole.
        var bus = await CfxBrokerTests.WaitForAsync(client, b => (long?)b["pending"] == 7 && server.Metrics.Dropped == 3,
            "7 messages kept and 3 dropped");
        Assert.Equal("degraded", (string?)bus["status"]);
        var metrics = await client.GetStringAsync("/metrics", Ct);
        Assert.Matches("""(?m)^aoi_cfx_dropped_total\{[^}]*reason="outbox_full"[^}]*\} 3$""", metrics);
        var waiting = await server.Services.GetRequiredService<ICfxOutbox>().OldestAsync(100, Ct);
        Assert.Equal(["CFX.EndpointConnected", .. Enumerable.Repeat(new[]
            {
                "CFX.Production.WorkStarted", "CFX.Production.TestAndInspection.UnitsInspected", "CFX.Production.WorkCompleted",
            }, 2).SelectMany(m => m)],
            waiting.Select(m => m.MessageName));
    }

    [Fact]
    public async Task WithoutABrokerNothingIsPublishedAndTheBusIsOff()
    {
        await using var server = new CfxTestServer(null, "");
        using var client = server.CreateClient();
        var product = await SyntheticProduct.CreateAsync(client);
        var session = await SyntheticProduct.OpenSessionAsync(client, product);
        await InspectAsync(client, session, SyntheticProduct.GoodImage());

        var (status, bus) = await CfxTestServer.HealthAsync(client, Ct);
        Assert.Equal("healthy", status);
        Assert.Equal("off", (string?)bus["status"]);
        Assert.False(server.Publisher.IsEnabled);
        Assert.False(server.Publisher.PublishReviewVerdict(new CfxReviewVerdict(Guid.NewGuid().ToString("N"), product, 1, 1, null, "op",
            DateTimeOffset.Now, [])));
        Assert.Equal(0, await server.Services.GetRequiredService<ICfxOutbox>().CountAsync(Ct));
    }

    [Theory]
    [InlineData("Aoi:Cfx:Broker", "http://broker:5672", "Aoi:Cfx:Broker must be an amqp:// or amqps:// URL")]
    [InlineData("Aoi:Cfx:Address", "", "Aoi:Cfx:Address is required")]
    [InlineData("Aoi:Cfx:Handle", " ", "Aoi:Cfx:Handle is required")]
    [InlineData("Aoi:Cfx:HeartbeatSeconds", "301", "Aoi:Cfx:HeartbeatSeconds must be between 1 and 300")]
    [InlineData("Aoi:Cfx:OutboxCapacity", "0", "Aoi:Cfx:OutboxCapacity must be between")]
    public async Task UnusableSettingsStopTheServerAtStartNamingTheKey(string key, string value, string message)
    {
        await using var server = new CfxTestServer("amqp://guest:secret@127.0.0.1:5672", "/queue/aoi-cfx",
            new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains(message, failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
    }
}
