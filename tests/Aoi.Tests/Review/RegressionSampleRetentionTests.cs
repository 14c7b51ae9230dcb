using Aoi.Grains.History;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Aoi.Tests.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Review;

/// <summary>Confirmed defects outlive the history: the retention purge removes the inspection's pictures and rows, not its regression sample.</summary>
public sealed class RegressionSampleRetentionTests
{
    [Fact]
    public async Task ThePurgeRemovesTheInspectionButKeepsItsRegressionSample()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = HistoryTestDatabase.Sqlite();
        var store = new SqlHistoryStore(db.Database);
        var start = new DateTimeOffset(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);
        var time = new MovableTime(start);
        var options = Options.Create(new HistoryOptions { NgRetentionDays = 30, OkRetentionDays = 3, RowRetentionDays = 60 });
        var paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = db.DataRoot }));
        var keeper = new HistoryImageKeeper(paths, options, NullLogger<HistoryImageKeeper>.Instance);
        var purger = new RetentionPurger(store, keeper, options, time, NullLogger<RetentionPurger>.Instance);
        var record = ReviewStoreContract.Inspection("ng", start, failed: [2]) with
        {
            ImageFolder = "2025-06-02/P1/BC-ng/ng", ImagesExpireAt = start.AddDays(30),
        };
        var folder = Directory.CreateDirectory(keeper.FolderOf(record.ImageFolder!)).FullName;
        File.WriteAllBytes(Path.Combine(folder, "roi_2.jpg"), [1, 2, 3]);
        await store.WriteAsync([record], ct);
        await new SqlReviewStore(db.Database).StoreAsync(ReviewStoreContract.Verdict("ng", 2, ReviewVerdicts.Defect, start), ct);
        var samples = new RegressionSamples(paths);
        samples.Keep(new RegressionSampleInfo("ng", "P1", 2, "missing", null, "key:op", start, "BC-ng", start), [1, 2, 3]);

        time.Now = start.AddDays(400);
        var summary = await purger.PurgeAsync(ct);

        Assert.Equal(1, summary.InspectionsDeleted);
        Assert.False(Directory.Exists(folder));
        Assert.Null(await store.GetAsync("ng", ct));
        Assert.Empty(await new SqlReviewStore(db.Database).ForInspectionAsync("ng", ct));
        var kept = Assert.Single(samples.List("P1", 2));
        Assert.Equal(("ng", "missing", "BC-ng"), (kept.Info.InspectionId, kept.Info.DefectKind, kept.Info.Barcode));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(kept.CropFile));
    }
}
