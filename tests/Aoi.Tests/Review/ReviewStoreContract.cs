using System.Globalization;
using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Tests.History;

namespace Aoi.Tests.Review;

/// <summary>What the review store must do on every database the history runs on (SQLite file, PostgreSQL).</summary>
public abstract class ReviewStoreContract
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<HistoryTestDatabase> CreateAsync();

    /// <summary>An inspection of two devices: ROI 1 barcode (device 1), ROI 2 compare (device 1), ROI 3 compare (device 2); failed ROIs as given.</summary>
    internal static InspectionRecord Inspection(string id, DateTimeOffset at, string product = "P1", string? station = "st-1",
        int[]? failed = null, string? detail = null)
    {
        failed ??= [];
        RoiRecord Roi(int roi, string type, int device) => new(roi, type, device, !failed.Contains(roi), type == "compare" ? 0.8 : null,
            type == "compare" ? 0.9 : null, type == "compare" ? (failed.Contains(roi) ? "Different" : "Match") : "BC", null, 5, null,
            $"roi_{roi}.jpg", type == "compare" ? $"golden_{roi}.jpg" : null, failed.Contains(roi) ? detail : null);
        var rois = new List<RoiRecord> { Roi(1, "barcode", 1), Roi(2, "compare", 1), Roi(3, "compare", 2) };
        var devices = new List<DeviceRecord> { new(1, "BC-" + id, "BC-" + id, "roi:1", !failed.Contains(2)), new(2, "D2-" + id, "D2-" + id, "manual", !failed.Contains(3)) };
        return new InspectionRecord(id, at, at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), product, "s-" + id, station,
            station is null ? "{}" : $$"""{"station":"{{station}}"}""", false, failed.Length == 0, 3, 3 - failed.Length, failed.Length, 30,
            devices, rois, $"2025-06-02/{product}/BC-{id}/{id}", null);
    }

    internal static ReviewRecord Verdict(string inspection, int roi, string verdict, DateTimeOffset at, string product = "P1") =>
        new(Guid.NewGuid().ToString("N"), inspection, roi, product, verdict, verdict == ReviewVerdicts.Defect ? "missing" : null, "n",
            false, null, null, "key:tester", "operator", at);

    [Fact]
    public async Task QueueListsUnreviewedFailedRoisNewestFirstWithFiltersAndPaging()
    {
        await using var db = await CreateAsync();
        var history = new SqlHistoryStore(db.Database);
        var reviews = new SqlReviewStore(db.Database);
        await history.WriteAsync([
            Inspection("i1", Start, failed: [2, 3], detail: """{"coordinates":[1,2,3,4],"defect":"missing","checks":{"presence":{"value":0.1,"limit":0.5,"passed":false}}}"""),
            Inspection("i2", Start.AddMinutes(1), failed: []),
            Inspection("i3", Start.AddMinutes(2), station: "st-2", failed: [3]),
            Inspection("i4", Start.AddMinutes(3), product: "P2", failed: [2]),
        ], Ct);

        var all = await reviews.QueueAsync(new InspectionQuery(), Ct);
        Assert.Equal(4, all.Total);
        Assert.Equal(["i4/2", "i3/3", "i1/2", "i1/3"], all.Items.Select(i => $"{i.InspectionId}/{i.RoiId}"));
        var first = all.Items.Single(i => i.InspectionId == "i1" && i.RoiId == 3);
        Assert.Equal(("P1", "st-1", "D2-i1", 2, "compare"), (first.Product, first.Station, first.Barcode, first.DeviceId, first.RoiType));
        Assert.Equal((0.8, 0.9, "Different"), (first.Score!.Value, first.Threshold!.Value, first.Decoded));
        Assert.Equal(("2025-06-02/P1/BC-i1/i1", "roi_3.jpg", "golden_3.jpg"), (first.ImageFolder, first.ImageFile, first.GoldenFile));
        Assert.Contains("\"defect\":\"missing\"", first.Detail);
        Assert.Equal(Start, first.InspectedAt);

        Assert.Equal(["i3/3", "i1/2", "i1/3"], Keys(await reviews.QueueAsync(new InspectionQuery(Product: "P1"), Ct)));
        Assert.Equal(["i3/3"], Keys(await reviews.QueueAsync(new InspectionQuery(Station: "st-2"), Ct)));
        Assert.Equal(["i3/3", "i1/2", "i1/3"], Keys(await reviews.QueueAsync(new InspectionQuery(To: Start.AddMinutes(3)), Ct)));
        var page2 = await reviews.QueueAsync(new InspectionQuery(Page: 2, PageSize: 3), Ct);
        Assert.Equal((4L, 2, 3), (page2.Total, page2.Page, page2.PageSize));
        Assert.Equal(["i1/3"], Keys(page2));

        // A verdict takes the ROI out of the queue; the inspection's other failed ROI stays.
        await reviews.StoreAsync(Verdict("i1", 2, ReviewVerdicts.FalseCall, Start.AddHours(1)), Ct);
        Assert.Equal(["i4/2", "i3/3", "i1/3"], Keys(await reviews.QueueAsync(new InspectionQuery(), Ct)));
    }

    [Fact]
    public async Task AReReviewReplacesTheVerdictInForceAndKeepsTheEarlierOne()
    {
        await using var db = await CreateAsync();
        await new SqlHistoryStore(db.Database).WriteAsync([Inspection("i1", Start, failed: [2, 3])], Ct);
        var reviews = new SqlReviewStore(db.Database);

        var defect = Verdict("i1", 2, ReviewVerdicts.Defect, Start.AddHours(1));
        Assert.Null(await reviews.StoreAsync(defect, Ct));
        var falseCall = Verdict("i1", 2, ReviewVerdicts.FalseCall, Start.AddHours(2)) with { Learned = true, GoldenFile = "learned_i1.jpg" };
        var replaced = await reviews.StoreAsync(falseCall, Ct);

        Assert.Equal(defect, replaced);
        Assert.Equal(falseCall, await reviews.InForceAsync("i1", 2, Ct));
        Assert.Null(await reviews.InForceAsync("i1", 3, Ct));
        var all = await reviews.ForInspectionAsync("i1", Ct);
        Assert.Equal([defect with { InForce = false, ReplacedBy = falseCall.ReviewId }, falseCall], all);
    }

    [Fact]
    public async Task ConcurrentVerdictsOnOneRoiLeaveExactlyOneInForce()
    {
        await using var db = await CreateAsync();
        await new SqlHistoryStore(db.Database).WriteAsync([Inspection("i1", Start, failed: [2])], Ct);
        var reviews = new SqlReviewStore(db.Database);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
            reviews.StoreAsync(Verdict("i1", 2, n % 2 == 0 ? ReviewVerdicts.Defect : ReviewVerdicts.FalseCall, Start.AddMinutes(n)), Ct)));

        var all = await reviews.ForInspectionAsync("i1", Ct);
        Assert.Equal(6, all.Count);
        Assert.Single(all, r => r.InForce);
        Assert.Equal(5, all.Count(r => r.ReplacedBy is not null));
    }

    [Fact]
    public async Task StatsCountPerProductAndRoiAndYieldAfterReviewCountsBoardsWhoseFailuresWereAllFalseCalls()
    {
        await using var db = await CreateAsync();
        await new SqlHistoryStore(db.Database).WriteAsync([
            Inspection("ok1", Start), Inspection("ok2", Start.AddMinutes(1)),
            Inspection("fc", Start.AddMinutes(2), failed: [2]),          // false call → good after review
            Inspection("half", Start.AddMinutes(3), failed: [2, 3]),     // one false call, one unreviewed → still bad
            Inspection("bad", Start.AddMinutes(4), failed: [3]),         // confirmed defect
            Inspection("other", Start.AddMinutes(5), product: "P2", failed: [2]),
        ], Ct);
        var reviews = new SqlReviewStore(db.Database);
        await reviews.StoreAsync(Verdict("fc", 2, ReviewVerdicts.FalseCall, Start.AddHours(1)), Ct);
        await reviews.StoreAsync(Verdict("half", 2, ReviewVerdicts.FalseCall, Start.AddHours(1)), Ct);
        await reviews.StoreAsync(Verdict("bad", 3, ReviewVerdicts.Defect, Start.AddHours(1)), Ct);

        var stats = await reviews.StatsAsync("P1", null, null, Ct);

        var p1 = Assert.Single(stats.Products);
        Assert.Equal(("P1", 5L, 2L, 3L), (p1.Product, p1.Inspections, p1.Passed, p1.PassedAfterReview));
        Assert.Equal((0.4, 0.6), (p1.FirstPassYield, p1.YieldAfterReview));
        Assert.Equal(new RoiReviewCounts(15, 4, 3, 1, 2), p1.Rois);
        Assert.Equal(2 * 1_000_000.0 / 15, p1.Rois.FalseCallPpm, 6);
        var roi2 = stats.Rois.Single(r => r.RoiId == 2);
        Assert.Equal(new RoiReviewCounts(5, 2, 2, 0, 2), roi2.Counts);
        Assert.Equal((0.6, 1.0), (roi2.Counts.FirstPassYield, roi2.Counts.YieldAfterReview));
        Assert.Equal(new RoiReviewCounts(5, 2, 1, 1, 0), stats.Rois.Single(r => r.RoiId == 3).Counts);
        Assert.Equal(new RoiReviewCounts(5, 0, 0, 0, 0), stats.Rois.Single(r => r.RoiId == 1).Counts);

        var ranged = await reviews.StatsAsync(null, Start.AddMinutes(2), Start.AddMinutes(5), Ct);
        Assert.Equal(3, Assert.Single(ranged.Products).Inspections);
        Assert.Equal(["P1", "P2"], (await reviews.StatsAsync(null, null, null, Ct)).Products.Select(p => p.Product));
    }

    [Fact]
    public async Task FalseCallsListTheirKeptCropsAndRowRetentionTakesVerdictsAndDetailsAlong()
    {
        await using var db = await CreateAsync();
        var history = new SqlHistoryStore(db.Database);
        await history.WriteAsync([Inspection("old", Start.AddDays(-400), failed: [2], detail: "{}"), Inspection("new", Start, failed: [2, 3], detail: "{}")], Ct);
        var reviews = new SqlReviewStore(db.Database);
        await reviews.StoreAsync(Verdict("old", 2, ReviewVerdicts.FalseCall, Start), Ct);
        await reviews.StoreAsync(Verdict("new", 2, ReviewVerdicts.FalseCall, Start.AddMinutes(1)), Ct);
        await reviews.StoreAsync(Verdict("new", 3, ReviewVerdicts.Defect, Start.AddMinutes(1)), Ct);

        var calls = await reviews.FalseCallsAsync("P1", Ct);
        Assert.Equal(["old", "new"], calls.Select(c => c.InspectionId));
        Assert.Equal(new ConfirmedFalseCall("new", 2, "2025-06-02/P1/BC-new/new", "roi_2.jpg"), calls[1]);
        Assert.Equal("{}", (await history.GetAsync("new", Ct))!.Rois.Single(r => r.RoiId == 2).Detail);

        Assert.Equal(1, await history.DeleteRecordedBeforeAsync(Start.AddDays(-1), Ct));
        Assert.Empty(await reviews.ForInspectionAsync("old", Ct));
        Assert.Equal(["new"], (await reviews.FalseCallsAsync("P1", Ct)).Select(c => c.InspectionId));
        Assert.Equal(2, (await reviews.ForInspectionAsync("new", Ct)).Count);
    }

    private static string[] Keys(ReviewQueuePage page) => page.Items.Select(i => $"{i.InspectionId}/{i.RoiId}").ToArray();
}

public sealed class SqliteReviewStoreTests : ReviewStoreContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => Task.FromResult(HistoryTestDatabase.Sqlite());
}

public sealed class PostgresReviewStoreTests : ReviewStoreContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => HistoryTestDatabase.PostgresAsync();
}
