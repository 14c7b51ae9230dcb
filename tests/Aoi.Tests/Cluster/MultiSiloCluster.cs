using System.Text.Json.Nodes;
using Aoi.Grains.Engines;
using Aoi.Silo.Hosting;
using TempFolder = Aoi.Tests.Hosting.TempFolder;
using Aoi.Tests.Inspection.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Aoi.Tests.Cluster;

/// <summary>
/// An in-process cluster of several silos carrying the production silo services (real product, session and ROI
/// grains; grain storage as chosen by <see cref="ClusterTestStorage"/>) with <see cref="SiloRecordingColourEvaluator"/>
/// as colour engine. Fixed ServiceId, so state written through one silo is read by a grain reactivated on another.
/// </summary>
public sealed class MultiSiloCluster : IAsyncDisposable
{
    /// <summary>Colour ROIs of every test product: red at (20,20)-(80,80) and (120,20)-(180,80) on a 200×100 frame.</summary>
    public const string RoisJson = """
        [{"idx": 1, "type": 4, "coords": [20, 20, 80, 80], "focus": 305, "exposure": 1200, "device_location": 1,
          "expected_color": [255, 0, 0], "color_tolerance": 30, "min_pixel_percentage": 50.0},
         {"idx": 2, "type": 4, "coords": [120, 20, 180, 80], "focus": 305, "exposure": 1200, "device_location": 1,
          "expected_color": [255, 0, 0], "color_tolerance": 30, "min_pixel_percentage": 50.0}]
        """;

    public const int RoiCount = 2;

    private readonly TempFolder _root;

    private MultiSiloCluster(TestCluster cluster, TempFolder root)
    {
        Cluster = cluster;
        _root = root;
    }

    public TestCluster Cluster { get; }

    public string DataRoot => _root.Path;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<MultiSiloCluster> StartAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = "aoi-cluster-test-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.ClusterId = "aoi-cluster-test";
        var folder = new TempFolder();
        builder.Properties["Aoi:DataRoot"] = folder.Path;
        builder.Properties["Aoi:SeedDemo"] = "false";
        foreach (var (key, value) in ClusterTestStorage.Settings())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = new MultiSiloCluster(builder.Build(), folder);
        await cluster.Cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A product saved through its grain (real files in the product root) under a fresh name.</summary>
    public async Task<string> CreateProductAsync()
    {
        var name = "CLU-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await Grains.GetGrain<IProductGrain>(name).SaveRoisAsync(RoisJson);
        Assert.True(saved.Failure is null, $"{saved.Failure}");
        return name;
    }

    public async Task<string> NewSessionAsync(string product)
    {
        var id = Guid.NewGuid().ToString();
        Assert.NotNull(await Session(id).CreateAsync(product, new JsonObject { ["client_id"] = "cluster-test" }));
        return id;
    }

    public IInspectionSessionGrain Session(string id) => Grains.GetGrain<IInspectionSessionGrain>(id);

    /// <summary>Silo of the grain's current activation, or null when it is not active anywhere.</summary>
    public async Task<SiloAddress?> SiloOfAsync(IAddressable grain) =>
        await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    /// <summary>A good board (both ROIs red) in the session's captures folder of the shared root.</summary>
    public InspectionRequest GoodBoard(string sessionId)
    {
        using var frame = TestImages.Frame(200, 100, TestImages.Rgb(0, 128, 0),
            (new RoiRect(10, 10, 190, 90), TestImages.Rgb(255, 0, 0)));
        var folder = Path.Combine(DataRoot, "shared", "sessions", sessionId, "captures");
        var path = TestImages.Write(folder, "board.png", frame);
        var image = new ImageInput(path, $"/mnt/visual-aoi-shared/sessions/{sessionId}/captures/board.png");
        return InspectionRequest.Single(image, DeviceBarcodeInput.None, DateTimeOffset.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            SqliteConnection.ClearAllPools();
            _root.Dispose();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddAoiCoreServices(silo.Configuration);
            silo.AddAoiSiloServices();
            silo.Services.Configure<EngineWarmupOptions>(o => o.OnStart = false); // engines load when first used
            // The tests need sessions on a chosen silo and spread over all of them. Orleans' default (resource-optimised)
            // placement steers new activations away from a silo that is busier — e.g. one still warming a product's
            // goldens — so a test could wait in vain for a session there; random placement makes the spread a property.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            // Registered last, so it replaces the production colour engine (the last registration of a type wins).
            silo.Services.AddSingleton<IRoiEvaluator, SiloRecordingColourEvaluator>();
        }
    }
}
