using System.Text.RegularExpressions;
using Aoi.Grains.Engines.Compare;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aoi.Tests.Compare;

/// <summary>A one-silo cluster whose product root is a temp folder, for the golden library grain.</summary>
public sealed class GoldenGrainClusterFixture : IAsyncLifetime
{
    // Silo configurators are created by type, so the in-process silo finds the folder through this static.
    internal static readonly string ProductRoot = Directory.CreateTempSubdirectory("aoi-golden-grain-").FullName;

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(ProductRoot, recursive: true);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.ConfigureServices(services =>
        {
            services.Configure<AoiOptions>(o => o.ProductRoot = ProductRoot);
            services.AddSingleton<AoiPaths>();
            services.AddSingleton<Aoi.Grains.Inspection.IProductSnapshotSource, Aoi.Grains.Inspection.GrainProductSnapshotSource>();
            services.AddCompareEngine();
            services.AddAoiReviewGuard();
        });
    }
}

public sealed partial class GoldenLibraryGrainTests(GoldenGrainClusterFixture fixture) : IClassFixture<GoldenGrainClusterFixture>
{
    [Fact]
    public async Task GrainPromoterRenamesThroughTheGrain()
    {
        var (product, folder) = NewFolder("best_golden.jpg", "b.jpg");
        var golden = new GoldenFolder(folder);
        var promoter = new GrainGoldenPromoter(fixture.Cluster.GrainFactory);

        var promoted = await promoter.PromoteMatchAsync(product, 4, "b.jpg", golden.StampOf("b.jpg")!, golden.StampOf("best_golden.jpg"));
        var again = await promoter.PromoteMatchAsync(product, 4, "b.jpg", "1:1", null);

        Assert.True(promoted);
        Assert.False(again);
        var names = Names(folder);
        Assert.Equal(2, names.Length);
        Assert.Equal("b.jpg", File.ReadAllText(Path.Combine(folder, "best_golden.jpg")));
        Assert.Matches(SampleName(), names[0]);
    }

    [Fact]
    public async Task Case29ConcurrentPromotionsThroughTheGrainLeaveOneBest()
    {
        var alternatives = Enumerable.Range(1, 8).Select(i => $"alt{i}.jpg").ToArray();
        var (product, folder) = NewFolder(["best_golden.jpg", .. alternatives]);
        var golden = new GoldenFolder(folder);
        var bestStamp = golden.StampOf("best_golden.jpg");
        var promoter = new GrainGoldenPromoter(fixture.Cluster.GrainFactory);

        var results = await Task.WhenAll(alternatives.Select(name =>
            promoter.PromoteMatchAsync(product, 4, name, golden.StampOf(name)!, bestStamp)));

        Assert.Single(results, r => r);
        var names = Names(folder);
        Assert.Equal(9, names.Length);
        Assert.Single(names, n => n == "best_golden.jpg");
        Assert.Single(names, n => SampleName().IsMatch(n));
    }

    private static (string Product, string Folder) NewFolder(params string[] files)
    {
        var product = "p" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(GoldenGrainClusterFixture.ProductRoot, product, "golden_rois", "roi_4");
        Directory.CreateDirectory(folder);
        foreach (var name in files)
        {
            File.WriteAllText(Path.Combine(folder, name), name);
        }

        return (product, folder);
    }

    private static string[] Names(string folder) =>
        Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"^\d{13}_golden_sample\.jpg$")]
    private static partial Regex SampleName();
}
