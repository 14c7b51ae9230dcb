using System.Net;
using System.Text.Json.Nodes;
using Aoi.Tests.Hardening;
using Aoi.Tests.Http;
using OpenCvSharp;

namespace Aoi.Tests.Review;

/// <summary>The secured server with Aoi:Review:AutoLearnFalseCalls on.</summary>
public sealed class AutoLearnSecuredWebFactory : SecuredWebFactory
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Aoi:Review:AutoLearnFalseCalls"] = "true";
        return settings;
    }
}

/// <summary>
/// Who may do what at the review station: operators give verdicts, learning needs an engineer, and the automatic
/// learning of false calls applies to engineers only; every verdict and learned golden is audited with its caller.
/// </summary>
public sealed class ReviewAccessTests(AutoLearnSecuredWebFactory factory) : IClassFixture<AutoLearnSecuredWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OperatorsGiveVerdictsLearningNeedsAnEngineerAndAutoLearnAppliesToEngineersOnly()
    {
        var op = new ReviewClient(factory.Client(SecuredWebFactory.OperatorKey));
        var engineer = new ReviewClient(factory.Client(SecuredWebFactory.EngineerKey));
        var admin = factory.Client(SecuredWebFactory.AdminKey);
        // A compare ROI without any golden yet fails every board: each failure is a false call until one is learned.
        var product = "REV-" + Guid.NewGuid().ToString("N")[..8];
        await HttpAssert.JsonAsync(await engineer.Http.PostJsonAsync($"/api/products/{product}/rois", """
            {"rois": [{"idx": 1, "type": 2, "coords": [100, 100, 300, 260], "focus": 305, "exposure": 3000, "device_location": 1,
                       "ai_threshold": 0.9, "feature_method": "opencv"}]}
            """));
        var session = await op.OpenSessionAsync(product);
        var picture = WebRequests.Jpeg(640, 480, (new Rect(120, 120, 60, 60), new Scalar(30, 200, 240)), (new Rect(200, 150, 80, 90), new Scalar(200, 60, 20)));
        var first = await InspectAsync(op, session, product, picture);
        var second = await InspectAsync(op, session, product, picture);

        var operatorQueue = await op.QueueAsync(product);
        Assert.Equal((2L, false, false), ((long)operatorQueue["total"]!, (bool)operatorQueue["may_learn"]!, (bool)operatorQueue["learn_default"]!));
        var engineerQueue = await engineer.QueueAsync(product);
        Assert.Equal((true, true), ((bool)engineerQueue["may_learn"]!, (bool)engineerQueue["learn_default"]!));

        await HttpAssert.ErrorAsync(await factory.Client().PostJsonAsync($"/api/review/{first}/rois/1", """{"verdict":"false_call"}"""),
            HttpStatusCode.Unauthorized, "API key required");
        await HttpAssert.ErrorAsync(await op.VerdictAsync(first, 1, new JsonObject { ["verdict"] = "false_call", ["learn"] = true }),
            HttpStatusCode.Forbidden, "Forbidden: requires engineer");
        var byOperator = await op.VerdictOkAsync(first, 1, new JsonObject { ["verdict"] = "false_call" });
        Assert.Equal((false, "key:line-op", "operator"), ((bool)byOperator["learned"]!, (string)byOperator["reviewer"]!, (string)byOperator["reviewer_role"]!));

        // The engineer's re-review says nothing about learning: the setting learns it.
        var byEngineer = await engineer.VerdictOkAsync(first, 1, new JsonObject { ["verdict"] = "false_call", ["note"] = "new supplier" });
        Assert.Equal((true, $"learned_{first}.jpg"), ((bool)byEngineer["learned"]!, (string)byEngineer["golden_file"]!));
        Assert.True(File.Exists(Path.Combine(factory.ProductRoot, product, "golden_rois", "roi_1", $"learned_{first}.jpg")));
        var notLearned = await engineer.VerdictOkAsync(second, 1, new JsonObject { ["verdict"] = "false_call", ["learn"] = false });
        Assert.False((bool)notLearned["learned"]!);
        Assert.Single(Directory.GetFiles(Path.Combine(factory.ProductRoot, product, "golden_rois", "roi_1")));

        // The same picture now matches the learned golden.
        var again = await HttpAssert.JsonAsync(await op.Http.PostJsonAsync($"/api/session/{session}/inspect", new JsonObject { ["image"] = DataUrl(picture) }));
        Assert.True(ReviewClient.RoiPassed(again, 1));

        var audit = (await HttpAssert.JsonAsync(await admin.GetAsync("/api/audit", Ct)))["entries"]!.AsArray()
            .Where(e => (string?)e!["product_name"] == product).Select(e => ((string)e!["who"]!, (string)e["role"]!, (string)e["action"]!)).ToList();
        Assert.Equal([
            ("key:editor", "engineer", $"review {second} ROI 1: false_call"),
            ("key:editor", "engineer", $"learn golden learned_{first}.jpg from inspection {first}"),
            ("key:editor", "engineer", $"review {first} ROI 1: false_call (replaces false_call {byOperator["review_id"]})"),
            ("key:line-op", "operator", $"review {first} ROI 1: false_call"),
        ], audit.Where(a => !a.Item3.StartsWith("POST ", StringComparison.Ordinal)));
    }

    private static async Task<string> InspectAsync(ReviewClient client, string session, string product, byte[] jpeg)
    {
        var (answer, id) = await client.InspectAsync(session, product, new JsonObject { ["image"] = DataUrl(jpeg) });
        Assert.False(ReviewClient.RoiPassed(answer, 1));
        return id;
    }

    private static string DataUrl(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);
}
