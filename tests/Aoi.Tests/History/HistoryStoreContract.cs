using Aoi.Grains.History;
using Aoi.Grains.Options;
using Aoi.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Aoi.Tests.History.HistoryRecords;

namespace Aoi.Tests.History;

/// <summary>
/// What the history store must do on every database it runs on: run once per engine (SQLite file, PostgreSQL).
/// </summary>
public abstract class HistoryStoreContract
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<HistoryTestDatabase> CreateAsync();

    private static IReadOnlyList<InspectionRecord> Sample() =>
    [
        Make("a1", Start, product: "P1", station: "st-1", passed: true, barcode: "BC-1"),
        Make("a2", Start.AddMinutes(1), product: "P1", station: "st-2", passed: false, barcode: "LINKED-2", rawBarcode: "RAW-2"),
        Make("a3", Start.AddMinutes(2), product: "P2", station: "st-1", passed: true),
        Make("a4", Start.AddDays(1), product: "P1", station: "st-1", passed: false, barcode: "BC-1"),
        Make("a5", Start.AddDays(1).AddMinutes(5), product: "P1", station: null, passed: true),
    ];

    [Fact]
    public async Task QueriesFilterPageAndListNewestFirst()
    {
        await using var db = await CreateAsync();
        var store = new SqlHistoryStore(db.Database);
        await store.WriteAsync(Sample(), Ct);

        var all = await store.QueryAsync(new InspectionQuery(), Ct);
        Assert.Equal(5, all.Total);
        Assert.Equal(["a5", "a4", "a3", "a2", "a1"], all.Items.Select(i => i.Id));

        Assert.Equal(["a4", "a1"], Ids(await store.QueryAsync(new InspectionQuery(Barcode: "BC-1"), Ct)));
        Assert.Equal(["a2"], Ids(await store.QueryAsync(new InspectionQuery(Barcode: "RAW-2"), Ct)));
        Assert.Equal(["a2"], Ids(await store.QueryAsync(new InspectionQuery(Barcode: "LINKED-2"), Ct)));
        Assert.Equal(["a3"], Ids(await store.QueryAsync(new InspectionQuery(Product: "P2"), Ct)));
        Assert.Equal(["a4", "a3", "a1"], Ids(await store.QueryAsync(new InspectionQuery(Station: "st-1"), Ct)));
        Assert.Equal(["a4", "a2"], Ids(await store.QueryAsync(new InspectionQuery(Passed: false), Ct)));
        Assert.Equal(["a3", "a2"], Ids(await store.QueryAsync(new InspectionQuery(From: Start.AddMinutes(1), To: Start.AddMinutes(3)), Ct)));
        Assert.Equal(["a4"], Ids(await store.QueryAsync(new InspectionQuery(Product: "P1", Passed: false, From: Start.AddHours(1)), Ct)));

        var page2 = await store.QueryAsync(new InspectionQuery(Page: 2, PageSize: 2), Ct);
        Assert.Equal(5, page2.Total);
        Assert.Equal(["a3", "a2"], Ids(page2));
        var page3 = await store.QueryAsync(new InspectionQuery(Page: 3, PageSize: 2), Ct);
        Assert.Equal(["a1"], Ids(page3));

        var listed = all.Items.Single(i => i.Id == "a2");
        Assert.Equal("RAW-2", Assert.Single(listed.Devices).BarcodeRaw);
        Assert.Equal("st-2", listed.Station);
        Assert.Empty(listed.Rois); // the list carries devices, not ROI rows
    }

    [Fact]
    public async Task DetailCarriesDevicesAndRoisAndARetriedBatchChangesNothing()
    {
        await using var db = await CreateAsync();
        var store = new SqlHistoryStore(db.Database);
        var batch = Sample();
        await store.WriteAsync(batch, Ct);
        await store.WriteAsync(batch, Ct); // a batch retried after a commit whose answer was lost

        Assert.Equal(5, (await store.QueryAsync(new InspectionQuery(), Ct)).Total);
        var detail = await store.GetAsync("a2", Ct);
        Assert.NotNull(detail);
        Assert.Equal(batch[1] with { Devices = detail.Devices, Rois = detail.Rois }, detail);
        Assert.Equal(batch[1].Devices, detail.Devices);
        Assert.Equal(batch[1].Rois, detail.Rois);
        Assert.Null(await store.GetAsync("missing", Ct));
    }

    [Fact]
    public async Task MigrationsRunOnceAndAreRecorded()
    {
        await using var db = await CreateAsync();
        await new SqlHistoryStore(db.Database).QueryAsync(new InspectionQuery(), Ct); // first use migrates
        var again = db.SqliteFile is { } file
            ? await HistoryMigrationRunner.MigrateSqliteAsync(file, Ct)
            : await HistoryMigrationRunner.MigratePostgresAsync(db.PostgresConnectionString!, Ct);
        Assert.Empty(again);
        Assert.Contains(HistoryMigrationRunner.Scripts(db.SqliteFile is null ? HistoryMigrationRunner.PostgresDialect : HistoryMigrationRunner.SqliteDialect),
            s => s.Version == 1);
    }

    [Fact]
    public async Task YieldAndCompareSeriesComeFromTheRows()
    {
        await using var db = await CreateAsync();
        var store = new SqlHistoryStore(db.Database);
        await store.WriteAsync(Sample(), Ct);

        var counts = await store.YieldCountsAsync("P1", null, null, Ct);
        Assert.Equal([new DayCount("P1", "2025-03-03", 2, 1), new DayCount("P1", "2025-03-04", 2, 1)], counts.Days);
        Assert.Equal([new RoiCount("P1", 1, "barcode", 4, 0), new RoiCount("P1", 2, "compare", 4, 2)], counts.Rois);

        var series = await store.CompareSeriesAsync("P1", 2, null, Start.AddDays(1), Ct);
        Assert.Equal(["a1", "a2"], series.Select(s => s.InspectionId));
        Assert.All(series, s => Assert.Equal(0.95, s.Value));
        Assert.Equal([true, false], series.Select(s => s.Passed));
    }

    [Fact]
    public async Task PurgeDeletesExpiredImagesAndRowsAndKeepsFreshOnes()
    {
        await using var db = await CreateAsync();
        var store = new SqlHistoryStore(db.Database);
        var time = new MovableTime(Start);
        var options = Options.Create(new HistoryOptions { NgRetentionDays = 30, OkRetentionDays = 3, RowRetentionDays = 60 });
        var keeper = new HistoryImageKeeper(new AoiPaths(Options.Create(new AoiOptions { DataRoot = db.DataRoot })), options,
            NullLogger<HistoryImageKeeper>.Instance);
        var purger = new RetentionPurger(store, keeper, options, time, NullLogger<RetentionPurger>.Instance);

        var ok = Make("ok", Start, passed: true, imageFolder: "2025-03-03/P1/no-barcode/ok", imagesExpireAt: Start.AddDays(3));
        var ng = Make("ng", Start, passed: false, imageFolder: "2025-03-03/P1/no-barcode/ng", imagesExpireAt: Start.AddDays(30));
        var old = Make("old", Start.AddDays(-61), passed: false);
        foreach (var record in new[] { ok, ng })
        {
            var folder = Directory.CreateDirectory(keeper.FolderOf(record.ImageFolder!)).FullName;
            File.WriteAllBytes(Path.Combine(folder, "roi_2.jpg"), [1, 2, 3]);
        }

        var orphan = Directory.CreateDirectory(Path.Combine(keeper.Root, "2024-12-01", "P1", "no-barcode", "lost")).FullName;
        await store.WriteAsync([ok, ng, old], Ct);

        // Day 2: nothing has expired except the 61-day-old row and the orphaned old day folder.
        time.Now = Start.AddDays(2);
        var first = await purger.PurgeAsync(Ct);
        Assert.Equal(1, first.InspectionsDeleted);
        Assert.Equal(1, first.ImageFoldersDeleted);
        Assert.False(Directory.Exists(Path.Combine(keeper.Root, "2024-12-01")));
        Assert.True(Directory.Exists(keeper.FolderOf(ok.ImageFolder!)));
        Assert.Null(await store.GetAsync("old", Ct));

        // Day 4: the OK pictures are past 3 days, the NG ones are not; both rows stay.
        time.Now = Start.AddDays(4);
        var second = await purger.PurgeAsync(Ct);
        Assert.Equal(new PurgeSummary(1, 0, time.Now), second);
        Assert.False(Directory.Exists(keeper.FolderOf(ok.ImageFolder!)));
        Assert.True(File.Exists(Path.Combine(keeper.FolderOf(ng.ImageFolder!), "roi_2.jpg")));
        var okRow = await store.GetAsync("ok", Ct);
        Assert.NotNull(okRow);
        Assert.Null(okRow.ImageFolder);
        Assert.All(okRow.Rois, r => Assert.Null(r.ImageFile));
        Assert.Equal("2025-03-03/P1/no-barcode/ng", (await store.GetAsync("ng", Ct))!.ImageFolder);

        // Day 31: the NG pictures go too.
        time.Now = Start.AddDays(31);
        Assert.Equal(1, (await purger.PurgeAsync(Ct)).ImageFoldersDeleted);
        Assert.False(Directory.Exists(keeper.FolderOf(ng.ImageFolder!)));
        Assert.Equal(2, (await store.QueryAsync(new InspectionQuery(), Ct)).Total);
    }

    private static string[] Ids(InspectionPage page) => page.Items.Select(i => i.Id).ToArray();
}

public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => Task.FromResult(HistoryTestDatabase.Sqlite());
}

public sealed class PostgresHistoryStoreTests : HistoryStoreContract
{
    protected override Task<HistoryTestDatabase> CreateAsync() => HistoryTestDatabase.PostgresAsync();
}
