using System.Text.Json.Nodes;
using Aoi.Web.Ui.Progress;

namespace Aoi.Tests.Browser;

/// <summary>The in-memory run behind the event stream: ordering, one event per ROI, nothing after the end.</summary>
public sealed class InspectionRunTests
{
    private static JsonObject Roi(int id, bool passed) => new() { ["roi_id"] = id, ["passed"] = passed };

    private static JsonObject Response(params JsonObject[] rois) => new()
    {
        ["roi_results"] = new JsonArray(rois.Select(r => (JsonNode?)r).ToArray()),
        ["overall_result"] = new JsonObject { ["passed"] = rois.All(r => (bool)r["passed"]!), ["total_rois"] = rois.Length },
    };

    [Fact]
    public void EveryRoiIsReportedOnceAndTheResponseFillsInTheMissingOnesBeforeTheVerdict()
    {
        var run = new InspectionRun("r1", "s1", "P", "demo/a.jpg", DateTimeOffset.Now);
        run.RoiFinished(Roi(2, true));
        run.RoiFinished(Roi(2, true));
        run.Complete(Response(Roi(1, false), Roi(2, true)));

        var (events, finished, _) = run.Read(0);
        Assert.True(finished);
        Assert.Equal(["started", "roi", "roi", "done"], events.Select(e => e.Name));
        Assert.Equal([2, 1], events.Where(e => e.Name == "roi").Select(e => (int)e.Data["roi_id"]!));
        Assert.Equal("FAIL", (string?)events[^1].Data["verdict"]);
        Assert.Equal([0, 1, 2, 3], events.Select(e => e.Sequence));
        Assert.False(run.Passed);
    }

    [Fact]
    public void AProgressMessageArrivingAfterTheAnswerIsIgnored()
    {
        var run = new InspectionRun("r2", "s1", "P", null, DateTimeOffset.Now);
        run.Complete(Response(Roi(1, true)));
        run.RoiFinished(Roi(7, true));

        var (events, _, _) = run.Read(0);
        Assert.Equal("done", events[^1].Name);
        Assert.DoesNotContain(events, e => e.Name == "roi" && (int)e.Data["roi_id"]! == 7);
        Assert.Equal("PASS", (string?)run.Summary()["verdict"]);
    }

    [Fact]
    public async Task AWatcherWaitingForTheNextEventIsWokenAndReadsFromItsPosition()
    {
        var run = new InspectionRun("r3", "s1", "P", null, DateTimeOffset.Now);
        var (first, finished, changed) = run.Read(0);
        Assert.Single(first);
        Assert.False(finished);
        Assert.False(changed.IsCompleted);

        run.Fail(422, "ROI configuration invalid", ["ROI 0 (idx=1): bad"]);
        await changed.WaitAsync(TestContext.Current.CancellationToken);
        var (rest, done, _) = run.Read(1);
        Assert.True(done);
        var failed = Assert.Single(rest);
        Assert.Equal("failed", failed.Name);
        Assert.Equal(422, (int)failed.Data["status"]!);
        Assert.Equal("failed", (string?)run.Summary()["state"]);
    }
}
