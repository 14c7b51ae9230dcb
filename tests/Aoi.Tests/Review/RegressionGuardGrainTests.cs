using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Aoi.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Orleans.TestingHost;

namespace Aoi.Tests.Review;

/// <summary>A one-silo cluster whose golden grains judge with <see cref="ScriptedJudge"/> on a temp data root.</summary>
public sealed class GuardClusterFixture : IAsyncLifetime
{
    // Silo configurators are created by type, so the in-process silo finds these through statics.
    internal static readonly string Root = Directory.CreateTempSubdirectory("aoi-guard-grain-").FullName;
    internal static readonly ScriptedJudge Judge = new();
    internal static readonly FakeSnapshotSource Snapshots = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.ConfigureServices(services =>
        {
            services.Configure<AoiOptions>(o =>
            {
                o.DataRoot = Root;
                o.ProductRoot = Path.Combine(Root, "products");
            });
            services.AddSingleton<AoiPaths>();
            services.AddSingleton<IProposedLibraryJudge>(Judge); // before the engine, which only adds its judge when none is there
            services.AddSingleton<IProductSnapshotSource>(Snapshots);
            services.AddCompareEngine();
            services.AddAoiReviewGuard();
        });
    }
}

/// <summary>
/// The regression check inside the golden library grain, wired to every change: upload, promote, restore, delete,
/// automatic promotion and the review station's learning, with a scripted judge so that each case is built on purpose.
/// </summary>
[Collection(GuardCollection.Name)]
public sealed class RegressionGuardGrainTests(GuardClusterFixture fixture)
{
    private const int Idx = 4;
    private static readonly byte[] Defect = Jpeg(20);
    private static readonly byte[] Good = Jpeg(200);
    private static readonly byte[] Other = Jpeg(120);

    private readonly IGrainFactory grains = fixture.Cluster.GrainFactory;

    [Fact]
    public async Task PromoteRestoreAndDeleteThatWouldLetAConfirmedDefectPassAreRefusedNamingTheSample()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Good), ("evil.jpg", Defect), ("other.jpg", Other),
            ("original_1_old_best.jpg", Defect));
        Keep(product, "insp-defect-1", Defect);
        var library = Library(product);
        var before = Snapshot(folder);

        foreach (var refused in new[]
        {
            await library.PromoteAsync("evil.jpg"),
            await library.RestoreAsync("original_1_old_best.jpg"),
        })
        {
            Assert.Equal(FailureKind.RegressionRefused, refused.Failure?.Kind);
            Assert.Contains("the confirmed defect of inspection insp-defect-1", refused.Failure?.Error);
        }

        Assert.Equal(before, Snapshot(folder));

        // Deleting the best leaves the alternatives in name order: evil.jpg would come first.
        var delete = await library.DeleteAsync("best_golden.jpg");
        Assert.Equal(FailureKind.RegressionRefused, delete.Failure?.Kind);
        Assert.Equal(before, Snapshot(folder));

        // Harmless changes go ahead.
        Assert.Null((await library.PromoteAsync("other.jpg")).Failure);
        Assert.Equal(Other, File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
    }

    [Fact]
    public async Task AnUploadOfTheDefectIsRefusedAndAnOrdinaryUploadIsStored()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Good));
        Keep(product, "insp-defect-2", Defect);
        var library = Library(product);

        var refused = await library.SaveBestAsync(Defect);

        Assert.Equal(FailureKind.RegressionRefused, refused.Failure?.Kind);
        Assert.Contains("insp-defect-2", refused.Failure?.Error);
        Assert.Equal(["best_golden.jpg"], Names(folder));
        var stored = await library.SaveBestAsync(Other);
        Assert.Null(stored.Failure);
        Assert.Equal(Other, File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
        Assert.Equal(Good, File.ReadAllBytes(Path.Combine(folder, stored.BackupName!)));
    }

    [Fact]
    public async Task AutomaticPromotionSkipsACandidateThatWouldLetAConfirmedDefectPass()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Good), ("evil.jpg", Defect), ("fine.jpg", Other));
        Keep(product, "insp-defect-3", Defect);
        var golden = new GoldenFolder(folder);
        var promoter = new GrainGoldenPromoter(grains);

        var evil = await promoter.PromoteMatchAsync(product, Idx, "evil.jpg", golden.StampOf("evil.jpg")!, golden.StampOf("best_golden.jpg"));
        Assert.False(evil);
        Assert.Equal(Good, File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
        Assert.True(File.Exists(Path.Combine(folder, "evil.jpg")));

        var fine = await promoter.PromoteMatchAsync(product, Idx, "fine.jpg", golden.StampOf("fine.jpg")!, golden.StampOf("best_golden.jpg"));
        Assert.True(fine);
        Assert.Equal(Other, File.ReadAllBytes(Path.Combine(folder, "best_golden.jpg")));
    }

    [Fact]
    public async Task ADefectTheLibraryAlreadyLetsPassDoesNotFreezeTheLibraryButAnUncheckableOneDoes()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Defect), ("a.jpg", Good), ("b.jpg", Other));
        Keep(product, "insp-escaped", Defect);
        var library = Library(product);

        // The best already lets it pass: removing an unrelated alternative is not what lets it through.
        Assert.Null((await library.DeleteAsync("b.jpg")).Failure);

        Keep(product, "insp-unreadable", ScriptedJudge.Unjudgeable);
        var refused = await library.DeleteAsync("a.jpg");
        Assert.Equal(FailureKind.RegressionRefused, refused.Failure?.Kind);
        Assert.Contains("inspection insp-unreadable", refused.Failure?.Error);
        Assert.Contains("could not be checked", refused.Failure?.Error);
        Assert.True(File.Exists(Path.Combine(folder, "a.jpg")));
    }

    [Fact]
    public async Task WithoutRegressionSamplesNothingIsJudged()
    {
        var (product, _) = NewProduct(("best_golden.jpg", Good), ("a.jpg", Other));
        var asked = GuardClusterFixture.Judge.Questions;

        Assert.Null((await Library(product).PromoteAsync("a.jpg")).Failure);
        Assert.Null((await Library(product).SaveBestAsync(Other)).Failure);

        Assert.Equal(asked, GuardClusterFixture.Judge.Questions);
    }

    [Fact]
    public async Task ReviewVerdictsLearnWithdrawAndKeepRegressionSamplesThroughTheSameGrain()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Good));
        var review = grains.GetGrain<IGoldenReviewGrain>(GrainGoldenPromoter.GrainKey(product, Idx));
        Assert.Equal(review.GetGrainId(), Library(product).GetGrainId());

        // A false call learned: an alternative named after the inspection; again → already learned, nothing added.
        var learned = await review.ApplyReviewAsync(new GoldenReviewChange("insp-a", false, true, Other, null));
        Assert.Equal((GoldenReviewOutcome.Applied, "learned_insp-a.jpg"), (learned.Outcome, learned.LearnedFile));
        Assert.Equal(Other, File.ReadAllBytes(Path.Combine(folder, "learned_insp-a.jpg")));
        var again = await review.ApplyReviewAsync(new GoldenReviewChange("insp-a", false, true, Other, null));
        Assert.Equal("already learned", again.Note);
        Assert.Equal(["best_golden.jpg", "learned_insp-a.jpg"], Names(folder));

        // The same inspection re-reviewed as a defect: its golden is withdrawn and its crop becomes a regression sample.
        var defect = await review.ApplyReviewAsync(new GoldenReviewChange("insp-a", true, false, Other, Info(product, "insp-a")));
        Assert.Equal(("learned_insp-a.jpg", true), (defect.RemovedLearnedFile, defect.SampleKept));
        Assert.Equal(["best_golden.jpg"], Names(folder));
        Assert.Equal(["insp-a"], (await review.ListRegressionSamplesAsync()).Select(s => s.InspectionId));

        // With the sample kept, learning a crop that equals it is refused and changes nothing.
        GuardClusterFixture.Judge.AnyGolden = true;
        try
        {
            var refused = await review.ApplyReviewAsync(new GoldenReviewChange("insp-b", false, true, Other, null));
            Assert.Equal(GoldenReviewOutcome.RefusedByRegression, refused.Outcome);
            Assert.Equal("insp-a", refused.Escape!.InspectionId);
            Assert.Equal(["best_golden.jpg"], Names(folder));

            // Overturning the defect itself (false call, learned) is not blocked by its own sample, and removes it.
            var overturned = await review.ApplyReviewAsync(new GoldenReviewChange("insp-a", false, true, Other, null));
            Assert.Equal("learned_insp-a.jpg", overturned.LearnedFile);
            Assert.Empty(await review.ListRegressionSamplesAsync());
        }
        finally
        {
            GuardClusterFixture.Judge.AnyGolden = false;
        }
    }

    [Fact]
    public async Task LearningNeedsAConfiguredCompareRoiAndAPicture()
    {
        var (product, folder) = NewProduct(("best_golden.jpg", Good));
        var review = grains.GetGrain<IGoldenReviewGrain>(GrainGoldenPromoter.GrainKey(product, Idx));

        var notPicture = await review.ApplyReviewAsync(new GoldenReviewChange("insp-c", false, true, [1, 2, 3], null));
        Assert.Equal(GoldenReviewOutcome.CropUnusable, notPicture.Outcome);
        var otherRoi = await grains.GetGrain<IGoldenReviewGrain>(GrainGoldenPromoter.GrainKey(product, 9))
            .ApplyReviewAsync(new GoldenReviewChange("insp-c", false, true, Other, null));
        Assert.Equal(GoldenReviewOutcome.NotCompare, otherRoi.Outcome);
        var unknown = await grains.GetGrain<IGoldenReviewGrain>(GrainGoldenPromoter.GrainKey("NOPE-" + Guid.NewGuid().ToString("N")[..6], Idx))
            .ApplyReviewAsync(new GoldenReviewChange("insp-c", false, true, Other, null));
        Assert.Equal(GoldenReviewOutcome.ProductNotFound, unknown.Outcome);
        Assert.Equal(["best_golden.jpg"], Names(folder));
    }

    [Fact]
    public async Task RegressionSamplesFollowTheirRoiWhenGoldenFoldersAreRenamed()
    {
        var (product, _) = NewProduct(("best_golden.jpg", Good));
        Keep(product, "insp-renamed", Defect);

        var result = await grains.GetGrain<IGoldenProductGrain>(product).RenameFoldersAsync(new Dictionary<int, int> { [Idx] = 7 });

        Assert.Null(result.Failure);
        var samples = Path.Combine(GuardClusterFixture.Root, "regression", product);
        Assert.True(File.Exists(Path.Combine(samples, "roi_7", "insp-renamed.jpg")));
        Assert.False(Directory.Exists(Path.Combine(samples, $"roi_{Idx}")));
    }

    private IGoldenLibraryGrain Library(string product) => grains.GetGrain<IGoldenLibraryGrain>(GrainGoldenPromoter.GrainKey(product, Idx));

    /// <summary>A product whose configuration has one compare ROI (idx 4) and whose golden folder holds these files.</summary>
    private static (string Product, string Folder) NewProduct(params (string Name, byte[] Bytes)[] files)
    {
        var product = "G" + Guid.NewGuid().ToString("N")[..8];
        var productFolder = Path.Combine(GuardClusterFixture.Root, "products", product);
        var folder = Path.Combine(productFolder, "golden_rois", $"roi_{Idx}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(productFolder, $"rois_config_{product}.json"), "[]");
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        var roi = new RoiDefinition(Idx, RoiDefinition.Compare, new RoiRect(0, 0, 16, 16), 305, 3000, 0.9, "opencv", 0, 1, null, null,
            null, null, 0, 0, null, true, null);
        GuardClusterFixture.Snapshots.Set(product, new SnapshotResult(new ProductSnapshot(product, 1, [roi], null, productFolder), false, []));
        return (product, folder);
    }

    private static void Keep(string product, string inspectionId, byte[] crop) =>
        new RegressionSamples(new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = GuardClusterFixture.Root })))
            .Keep(Info(product, inspectionId), crop);

    private static RegressionSampleInfo Info(string product, string inspectionId) =>
        new(inspectionId, product, Idx, "missing", null, "key:test", DateTimeOffset.UtcNow, "BC-1", DateTimeOffset.UtcNow);

    private static byte[] Jpeg(int grey)
    {
        using var image = new Mat(16, 16, MatType.CV_8UC3, new Scalar(grey, grey, grey));
        Cv2.ImEncode(".jpg", image, out var bytes);
        return bytes;
    }

    private static string[] Names(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private static string Snapshot(string folder) =>
        string.Join(";", Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}={Convert.ToHexString(File.ReadAllBytes(f))}"));
}

[CollectionDefinition(Name)]
public sealed class GuardCollection : ICollectionFixture<GuardClusterFixture>
{
    public const string Name = "regression guard cluster";
}
