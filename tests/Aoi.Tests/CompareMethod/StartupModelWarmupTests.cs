using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Aoi.Grains.Demo;
using Aoi.Grains.Engines.Compare.Library;
using Aoi.Grains.Inspection;
using Aoi.Grains.Products;
using Aoi.Tests.Demo;
using Aoi.Tests.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// A server that warms at start builds every product's compare models before /api/health says "initialized", so a
/// station that waits for it gets a first inspection that only scores.
/// </summary>
public sealed class StartupModelWarmupTests
{
    [Fact]
    public async Task HealthSaysInitializedOnlyOnceEveryCompareModelOfTheProductsIsBuilt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("startup-warmup");
        await using var server = new WarmingServer(data.Path);
        using var client = server.CreateClient();

        JsonNode? health = null;
        for (var attempt = 0; attempt < 240 && (bool?)health?["initialized"] != true; attempt++)
        {
            health = await HttpAssert.JsonAsync(await client.GetAsync("/api/health", ct));
            if ((bool?)health["initialized"] != true)
            {
                await Task.Delay(500, ct);
            }
        }

        Assert.True((bool?)health?["initialized"], $"not initialized after 2 minutes: {health?.ToJsonString()}");
        var models = server.Services.GetRequiredService<CompareModels>();
        var snapshot = server.Services.GetRequiredService<ProductConfigStore>().LoadSnapshot(DemoProductGenerator.ProductName).Snapshot!;
        var compares = snapshot.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled).ToList();
        Assert.NotEmpty(compares);
        Assert.All(compares, roi => Assert.True(models.IsReady(snapshot.ProductFolder, roi), $"ROI {roi.Idx} model not built"));
    }

    [Fact]
    public async Task ARestartedServerReadsTheStoredModelsInsteadOfBuildingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("startup-warmup-restart");
        Dictionary<string, DateTime> stored;
        await using (var first = new WarmingServer(data.Path))
        {
            await WaitInitializedAsync(first, ct);
            stored = StoredModels(data.Path);
        }

        Assert.NotEmpty(stored);
        await using var restarted = new WarmingServer(data.Path);
        await WaitInitializedAsync(restarted, ct);

        // Every model is ready again, and no file was written anew: each was read, none built and stored again.
        var models = restarted.Services.GetRequiredService<CompareModels>();
        var snapshot = restarted.Services.GetRequiredService<ProductConfigStore>().LoadSnapshot(DemoProductGenerator.ProductName).Snapshot!;
        Assert.All(snapshot.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled),
            roi => Assert.True(models.IsReady(snapshot.ProductFolder, roi), $"ROI {roi.Idx} model not ready"));
        Assert.Equal(stored, StoredModels(data.Path));
    }

    [Fact]
    public async Task InitializeAnswersOnceTheStartUpWarmUpHasEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("startup-warmup-initialize");
        await using var server = new WarmingServer(data.Path);
        WriteSecondProduct(server);

        // A line station's start: initialize, then its first session. Initialize used to answer once the engines were
        // loaded, and the station's first inspection met the products' models still being built.
        using var client = server.CreateClient();
        var initialize = await HttpAssert.JsonAsync(await client.PostAsync("/api/initialize", null, ct));
        Assert.Equal("System initialized successfully", (string?)initialize["message"]);
        Assert.True((bool?)initialize["success"]);
        await AssertWarmAsync(server, client, ct);
    }

    [Fact]
    public async Task AServerThatWarmsAtStartAnswersItsFirstRequestWarm()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("startup-warmup-listen");
        await using var server = new WarmingServer(data.Path, listenWhenWarmSeconds: 90);
        WriteSecondProduct(server);

        // A station that asks /api/health as soon as the server answers and inspects at once, without /api/initialize:
        // the server used to listen while it warmed up, and that first inspection met the models still being built.
        using var client = server.CreateClient();
        await AssertWarmAsync(server, client, ct);
    }

    [Fact]
    public async Task TheStartUpRehearsalRunsEveryRoiThroughTheWorkersAndRecordsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("startup-rehearsal");
        var answers = new CapturedAnswers();
        await using var server = new WarmingServer(data.Path, answers);
        await WaitInitializedAsync(server, ct);
        var snapshot = server.Services.GetRequiredService<ProductConfigStore>().LoadSnapshot(DemoProductGenerator.ProductName).Snapshot!;
        var rois = snapshot.Rois.Where(r => r.Enabled).Select(r => r.Idx).ToList();
        Assert.NotEmpty(rois);

        // Every ROI of the product was cut from the rehearsal's picture and judged by a worker, which wrote its crop.
        var output = Path.Combine(data.Path, "warmup", "rehearsal", "output");
        Assert.All(rois, idx => Assert.True(File.Exists(Path.Combine(output, $"roi_{idx}.jpg")), $"ROI {idx} was not rehearsed"));
        Assert.Empty(Directory.GetFiles(Path.Combine(data.Path, "warmup", "rehearsal"), "*.jpg"));

        // Its results were assembled into a response, as a session's are, and handed to the front end's answer.
        var response = Assert.Single(answers.Responses);
        Assert.Equal(DemoProductGenerator.ProductName, response.ProductName);
        Assert.Equal(rois.Order(), response.RoiResults.Select(r => r.RoiId));
        Assert.Equal(rois.Count, response.Overall.TotalRois);
        Assert.NotEmpty(response.Devices);

        // Nothing a station, the history or the line sees: no session folder, no inspection recorded.
        Assert.False(Directory.Exists(Path.Combine(server.SharedRoot, "sessions")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(server.SharedRoot, "sessions")).Any());
        using var client = server.CreateClient();
        var history = await HttpAssert.JsonAsync(await client.GetAsync("/api/inspections", ct));
        Assert.Equal(0, (int?)history["total"]);
    }

    /// <summary>A second product for the start-up warm-up to build and rehearse: more than the engines take to load.</summary>
    private static void WriteSecondProduct(WarmingServer server)
    {
        var second = Path.Combine(server.ProductRoot, "LINE-B");
        new DemoProductGenerator().WriteProduct(second);
        File.Move(Path.Combine(second, $"rois_config_{DemoProductGenerator.ProductName}.json"), Path.Combine(second, "rois_config_LINE-B.json"));
    }

    /// <summary>The first health read says initialized and the second product's compare models are built.</summary>
    private static async Task AssertWarmAsync(WarmingServer server, HttpClient client, CancellationToken ct)
    {
        var health = await HttpAssert.JsonAsync(await client.GetAsync("/api/health", ct));
        Assert.True((bool?)health["initialized"], health.ToJsonString());
        var models = server.Services.GetRequiredService<CompareModels>();
        var snapshot = server.Services.GetRequiredService<ProductConfigStore>().LoadSnapshot("LINE-B").Snapshot!;
        Assert.All(snapshot.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled),
            roi => Assert.True(models.IsReady(snapshot.ProductFolder, roi), $"LINE-B ROI {roi.Idx} model not built"));
    }

    private static Dictionary<string, DateTime> StoredModels(string dataRoot) =>
        Directory.GetFiles(Path.Combine(dataRoot, LibraryModelStore.FolderName), "*.model", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

    private static async Task WaitInitializedAsync(WarmingServer server, CancellationToken ct)
    {
        using var client = server.CreateClient();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if ((bool?)(await HttpAssert.JsonAsync(await client.GetAsync("/api/health", ct)))["initialized"] == true)
            {
                return;
            }

            await Task.Delay(500, ct);
        }

        Assert.Fail("not initialized after 2 minutes");
    }

    private sealed class CapturedAnswers : IAnswerRehearsal
    {
        public ConcurrentQueue<InspectionResponse> Responses { get; } = new();

        public void Rehearse(InspectionResponse response) => Responses.Enqueue(response);
    }

    private sealed class WarmingServer(string dataRoot, IAnswerRehearsal? answers = null, int listenWhenWarmSeconds = 0)
        : AoiWebFactory(dataRoot, "startup-warmup-" + Guid.NewGuid().ToString("N"), deleteDataRootOnDispose: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (answers is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(answers));
            }
        }

        protected override Dictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings["Aoi:SeedDemo"] = "true";
            settings["AoiWeb:WarmUpOnStart"] = "true";
            settings["AoiWeb:InitializeWaitSeconds"] = "25";
            // 0 (listen at once) unless a test asks: the others watch the warm-up through /api/health and initialize.
            settings["AoiWeb:ListenWhenWarmSeconds"] = listenWhenWarmSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return settings;
        }
    }
}
