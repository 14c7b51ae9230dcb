using Aoi.Tests.Http;
using System.Text.Json.Nodes;
using Aoi.Grains.Cfx;

namespace Aoi.Tests.Cfx;

/// <summary>
/// The CFX messages as a subscriber on a real AMQP 1.0 broker (RabbitMQ from .ci/run) receives them: a good and a
/// faulty 4-device board field by field, single and grouped, a review verdict, heartbeats, and a broker outage.
/// </summary>
[Collection(CfxBrokerCollection.Name)]
public sealed class CfxBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GoodAndFaultyFourDeviceBoardsArePublishedFieldByField()
    {
        var broker = TestBroker.RequireUrl();
        var address = TestBroker.FreshAddress();
        await using var subscriber = await CfxSubscriber.ConnectAsync(broker, address);
        await using var server = new CfxTestServer(broker, address, new Dictionary<string, string?> { ["Aoi:Cfx:HeartbeatSeconds"] = "1" });
        using var client = server.CreateClient();

        var (connected, amqp) = await subscriber.NextAsync();
        CfxExpectations.AssertEnvelope(connected);
        Assert.Equal("CFX.EndpointConnected", (string?)connected["MessageName"]);
        Assert.Equal(CfxTestServer.Handle, (string?)connected["MessageBody"]!["CFXHandle"]);
        // AMQP framing as the CFX SDK frames it.
        Assert.Equal((string?)connected["UniqueID"], amqp.Properties.MessageId);
        Assert.Equal($"{CfxTestServer.Handle}.CFX.EndpointConnected", amqp.Properties.Subject);
        Assert.Equal(AmqpCfxTransport.ContentType, amqp.Properties.ContentType);
        Assert.True(amqp.Header.Durable);
        Assert.Equal("CFX", amqp.ApplicationProperties["cfx-topic"]);
        Assert.Equal("CFX.EndpointConnected", amqp.ApplicationProperties["cfx-message"]);
        Assert.Equal(CfxTestServer.Handle, amqp.ApplicationProperties["cfx-handle"]);

        var board = server.Board;
        var session = await server.OpenSessionAsync(client, Ct);
        var good = await CfxTestServer.InspectAsync(client, session, board.GoodPicture, Ct);
        Assert.True((bool)good["overall_result"]!["passed"]!, good.ToJsonString());
        var goodTransaction = CfxExpectations.AssertInspection(await subscriber.TakeAsync(3), good, board.Product, "1",
            CfxExpectations.GoodBoard());

        var faulty = await CfxTestServer.InspectAsync(client, session, board.FaultyPicture, Ct);
        var faultyMessages = await subscriber.TakeAsync(3);
        TestContext.Current.TestOutputHelper?.WriteLine(faultyMessages[1].ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var faultyTransaction = CfxExpectations.AssertInspection(faultyMessages, faulty, board.Product, "1", CfxExpectations.FaultyBoard());

        var grouped = await CfxTestServer.InspectGroupedAsync(client, session, board.FaultyPicture, Ct);
        var groupedTransaction = CfxExpectations.AssertInspection(await subscriber.TakeAsync(3), grouped, board.Product, "1",
            CfxExpectations.FaultyBoard());

        // A changed configuration is a new recipe revision.
        File.WriteAllText(board.ConfigFile, File.ReadAllText(board.ConfigFile).Replace("\"min_pixel_percentage\":50", "\"min_pixel_percentage\":55"));
        var changed = await CfxTestServer.InspectAsync(client, session, board.GoodPicture, Ct);
        CfxExpectations.AssertInspection(await subscriber.TakeAsync(3), changed, board.Product, "2", CfxExpectations.GoodBoard());

        Assert.Equal(3, new[] { goodTransaction, faultyTransaction, groupedTransaction }.Distinct().Count());
        // The transaction id is the inspection's history id: a subscriber can look the pictures up.
        var history = await HistoryIdsAsync(client, board.Product, count: 4);
        Assert.Contains(goodTransaction.ToString("N"), history);
        Assert.Contains(faultyTransaction.ToString("N"), history);
        Assert.Contains(groupedTransaction.ToString("N"), history);

        JsonObject heartbeat;
        do
        {
            heartbeat = (await subscriber.NextAsync(skipHeartbeats: false)).Envelope;
        }
        while ((string?)heartbeat["MessageName"] != "CFX.Heartbeat");
        CfxExpectations.AssertEnvelope(heartbeat);
        Assert.Equal(CfxTestServer.Handle, (string?)heartbeat["MessageBody"]!["CFXHandle"]);
        Assert.Equal("00:00:01", (string?)heartbeat["MessageBody"]!["HeartbeatFrequency"]);

        var (status, bus) = await CfxTestServer.HealthAsync(client, Ct);
        Assert.Equal("healthy", status);
        Assert.Equal("connected", (string?)bus["status"]);
    }

    [Fact]
    public async Task AReviewVerdictIsPublishedAsAnotherUnitsInspectedOfTheTransaction()
    {
        var broker = TestBroker.RequireUrl();
        var address = TestBroker.FreshAddress();
        await using var subscriber = await CfxSubscriber.ConnectAsync(broker, address);
        await using var server = new CfxTestServer(broker, address);
        using var client = server.CreateClient();
        Assert.Equal("CFX.EndpointConnected", (string?)(await subscriber.NextAsync()).Envelope["MessageName"]);
        var inspection = Guid.NewGuid();
        var reviewedAt = new DateTimeOffset(2026, 3, 4, 10, 15, 0, TimeSpan.Zero);

        Assert.True(server.Publisher.PublishReviewVerdict(new CfxReviewVerdict(inspection.ToString("N"), "P-REVIEW", 7, 2, "CFXB-0001-D2",
            "badge-4711", reviewedAt,
            [
                new CfxReviewedRoi(5, "compare", DefectConfirmed: false, "different", "reflection on the lens", new RoiRect(680, 220, 780, 320)),
                new CfxReviewedRoi(4, "barcode", DefectConfirmed: false, "no_read"),
            ])));
        Assert.False(server.Publisher.PublishReviewVerdict(new CfxReviewVerdict("not-an-id", "P", null, 1, null, "x", reviewedAt, [])));

        var review = (await subscriber.NextAsync()).Envelope;
        CfxExpectations.AssertEnvelope(review);
        Assert.Equal(reviewedAt, DateTimeOffset.Parse((string)review["TimeStamp"]!));
        var body = review["MessageBody"]!;
        Assert.Equal("CFX.Production.TestAndInspection.UnitsInspected", (string?)review["MessageName"]);
        Assert.Equal(inspection, Guid.Parse((string)body["TransactionId"]!));
        Assert.Equal("Human", (string?)body["InspectionMethod"]);
        Assert.Equal("badge-4711", (string?)body["Inspector"]!["OperatorIdentifier"]);
        Assert.Equal("Human", (string?)body["Inspector"]!["ActorType"]);
        Assert.Equal(("P-REVIEW", "7"), ((string?)body["RecipeName"], (string?)body["RecipeRevision"]));
        var unit = Assert.Single(body["InspectedUnits"]!.AsArray())!;
        Assert.Equal(("CFXB-0001-D2", 2), ((string?)unit["UnitIdentifier"], (int)unit["UnitPositionNumber"]!));
        Assert.Equal(("Passed", "DefectRejected"), ((string?)unit["OverallResult"], (string?)unit["Verification"]));
        var inspections = unit["Inspections"]!.AsArray();
        Assert.Equal(["roi_4", "roi_5"], inspections.Select(i => (string?)i!["InspectionName"]));
        var compare = inspections[1]!;
        Assert.Equal(("Passed", "DefectRejected", "reflection on the lens"),
            ((string?)compare["Result"], (string?)compare["Verification"], (string?)compare["VerificationDetail"]));
        var defect = Assert.Single(compare["DefectsFound"]!.AsArray())!;
        Assert.Equal(("different", "DefectRejected"), ((string?)defect["DefectCode"], (string?)defect["Verification"]));
        Assert.Equal(680, (double)defect["RegionOfInterest"]!["StartPointX"]!);
        Assert.Null(inspections[0]!["DefectsFound"]![0]!["RegionOfInterest"]);
    }

    [Fact]
    public async Task AnOperatorsVerdictAtTheReviewStationReachesTheBus()
    {
        var broker = TestBroker.RequireUrl();
        var address = TestBroker.FreshAddress();
        await using var subscriber = await CfxSubscriber.ConnectAsync(broker, address);
        await using var server = new CfxTestServer(broker, address);
        using var client = server.CreateClient();
        Assert.Equal("CFX.EndpointConnected", (string?)(await subscriber.NextAsync()).Envelope["MessageName"]);
        var session = await server.OpenSessionAsync(client, Ct);
        var faulty = await CfxTestServer.InspectAsync(client, session, server.Board.FaultyPicture, Ct);
        var transaction = CfxExpectations.AssertInspection(await subscriber.TakeAsync(3), faulty, server.Board.Product, "1",
            CfxExpectations.FaultyBoard());
        var inspectionId = transaction.ToString("N");
        await HistoryIdsAsync(client, server.Board.Product, count: 1);
        var failed = faulty["roi_results"]!.AsArray().First(r => !(bool)r!["passed"]! && (string?)r["roi_type_name"] == "compare")!;
        var roiId = (int)failed["roi_id"]!;
        var device = (int)failed["device_id"]!;

        var answer = await client.PostJsonAsync($"/api/review/{inspectionId}/rois/{roiId}", """{"verdict": "defect", "note": "part missing, confirmed"}""");
        var verdict = await HttpAssert.JsonAsync(answer);

        Assert.Equal("defect", (string?)verdict["verdict"]);
        var review = (await subscriber.NextAsync()).Envelope;
        CfxExpectations.AssertEnvelope(review);
        Assert.Equal("CFX.Production.TestAndInspection.UnitsInspected", (string?)review["MessageName"]);
        var body = review["MessageBody"]!;
        Assert.Equal(transaction, Guid.Parse((string)body["TransactionId"]!));
        Assert.Equal("Human", (string?)body["InspectionMethod"]);
        var unit = Assert.Single(body["InspectedUnits"]!.AsArray())!;
        Assert.Equal((CfxBoard.Label(device), device), ((string?)unit["UnitIdentifier"], (int)unit["UnitPositionNumber"]!));
        Assert.Equal(("Failed", "DefectConfirmed"), ((string?)unit["OverallResult"], (string?)unit["Verification"]));
        var inspection = Assert.Single(unit["Inspections"]!.AsArray())!;
        Assert.Equal($"roi_{roiId}", (string?)inspection["InspectionName"]);
        var defect = Assert.Single(inspection["DefectsFound"]!.AsArray())!;
        Assert.Equal((string?)failed["defect"] ?? "different", (string?)defect["DefectCode"]);
        Assert.Equal("DefectConfirmed", (string?)defect["Verification"]);
        Assert.NotNull(defect["RegionOfInterest"]);
    }

    [Fact]
    public async Task ABrokerOutageDelaysTheMessagesButNotTheInspectionsAndLosesNone()
    {
        var broker = TestBroker.RequireUrl();
        TestBroker.RequireControl();
        var address = TestBroker.FreshAddress();
        var subscriber = await CfxSubscriber.ConnectAsync(broker, address);
        await using var server = new CfxTestServer(broker, address);
        using var client = server.CreateClient();
        var board = server.Board;
        var session = await server.OpenSessionAsync(client, Ct);
        try
        {
            Assert.Equal("CFX.EndpointConnected", (string?)(await subscriber.NextAsync()).Envelope["MessageName"]);
            var before = await CfxTestServer.InspectAsync(client, session, board.GoodPicture, Ct);
            CfxExpectations.AssertInspection(await subscriber.TakeAsync(3), before, board.Product, "1", CfxExpectations.GoodBoard());
            await WaitForAsync(client, bus => (long?)bus["pending"] == 0, "the outbox to empty");
        }
        finally
        {
            await subscriber.DisposeAsync();
        }

        var sentBeforeOutage = server.Metrics.Sent;
        var answers = new List<(JsonObject Answer, IReadOnlyList<CfxExpectations.Unit> Units)>();
        await TestBroker.StopAsync();
        try
        {
            foreach (var faulty in new[] { true, false, true })
            {
                var answer = await CfxTestServer.InspectAsync(client, session, faulty ? board.FaultyPicture : board.GoodPicture, Ct);
                answers.Add((answer, faulty ? CfxExpectations.FaultyBoard() : CfxExpectations.GoodBoard()));
            }

            // Every answer came back while the broker was down and nothing could be sent: the stations did not wait for it.
            Assert.Equal(sentBeforeOutage, server.Metrics.Sent);
            var bus = await WaitForAsync(client, b => (string?)b["status"] == "degraded" && (long?)b["pending"] >= 9,
                "the bus to be reported degraded with the 9 messages waiting");
            Assert.False(string.IsNullOrEmpty((string?)bus["error"]));
            Assert.Equal("healthy", (await CfxTestServer.HealthAsync(client, Ct)).Status);
        }
        finally
        {
            await TestBroker.StartAsync();
        }

        await using var after = await CfxSubscriber.ConnectAsync(broker, address);
        var delivered = await after.TakeAsync(9);
        for (var i = 0; i < answers.Count; i++)
        {
            CfxExpectations.AssertInspection(delivered.Skip(i * 3).Take(3).ToList(), answers[i].Answer, board.Product, "1", answers[i].Units);
        }

        Assert.Equal(0, server.Metrics.Dropped);
        var metrics = await client.GetStringAsync("/metrics", Ct);
        Assert.Matches(@"(?m)^aoi_cfx_sent_total(\{[^}]*\})? ([1-9]\d+)", metrics);
        Assert.True(server.Metrics.Sent >= 1 + 3 + 9, $"sent {server.Metrics.Sent}");
    }

    /// <summary>Polls /api/health until the bus state satisfies <paramref name="condition"/> (there is no event to await).</summary>
    public static async Task<JsonObject> WaitForAsync(HttpClient client, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + CfxSubscriber.Patience;
        while (true)
        {
            var (_, bus) = await CfxTestServer.HealthAsync(client, Ct);
            if (condition(bus))
            {
                return bus;
            }

            Assert.True(DateTime.UtcNow < deadline, $"waited in vain for {what}; last: {bus.ToJsonString()}");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<List<string>> HistoryIdsAsync(HttpClient client, string product, int count)
    {
        var deadline = DateTime.UtcNow + CfxSubscriber.Patience;
        while (true)
        {
            var page = JsonNode.Parse(await client.GetStringAsync($"/api/inspections?product={product}", Ct))!;
            var ids = page["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
            if (ids.Count >= count)
            {
                return ids;
            }

            Assert.True(DateTime.UtcNow < deadline, $"history has {ids.Count} of {count} inspections");
            await Task.Delay(100, Ct);
        }
    }
}
