using System.Text.Json.Nodes;
using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Tests.Inspection.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using OpenCvSharp;

namespace Aoi.Tests.Grains;

/// <summary>
/// One in-process silo with memory grain storage "aoi", the real inspection path and grains, the scripted colour
/// engine for every ROI, fake product snapshots, a ROI worker pool one larger than the core count (so the attribute's
/// default cannot pass for the configured bound), a 3 s ROI budget and a 15 s inspection budget; files in a temp root.
/// </summary>
public sealed class InspectionClusterFixture : IAsyncLifetime
{
    public static readonly int RoiParallelism = Environment.ProcessorCount + 1;
    public const int RoiTimeoutSeconds = 3;
    public const int InspectionBudgetSeconds = 15;
    private const string RootKey = "AoiGrainsTests:Root";
    private readonly TempFolder _root = new("aoi-cluster");

    public TestCluster Cluster { get; private set; } = null!;

    public string SharedRoot => Path.Combine(_root.Path, "shared");

    public string ProductRoot => Path.Combine(_root.Path, "products");

    private IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public ScriptedColourEvaluator Engine => SiloServices.GetServices<IRoiEvaluator>().OfType<ScriptedColourEvaluator>().Single();

    public FakeSnapshotSource Products => (FakeSnapshotSource)SiloServices.GetRequiredService<IProductSnapshotSource>();

    public IInspectionSessionGrain Session(string id) => Cluster.GrainFactory.GetGrain<IInspectionSessionGrain>(id);

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = "aoi-grains-tests";
        builder.Properties[RootKey] = _root.Path;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Engine.Dispose(); // frees any "hang" still blocking a thread
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _root.Dispose();
    }

    /// <summary>A product whose config file exists (for session creation) and whose snapshot holds these ROIs.</summary>
    public string AddProduct(params RoiDefinition[] rois)
    {
        var name = $"P{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(Path.Combine(ProductRoot, name));
        File.WriteAllText(Path.Combine(ProductRoot, name, $"rois_config_{name}.json"), "[]");
        Products.Set(name, new SnapshotResult(new ProductSnapshot(name, 1, rois, null, Path.Combine(ProductRoot, name)), false, []));
        return name;
    }

    public async Task<string> NewSessionAsync(string product)
    {
        var id = Guid.NewGuid().ToString();
        Assert.NotNull(await Session(id).CreateAsync(product, new JsonObject { ["client_id"] = "test" }));
        return id;
    }

    /// <summary>Writes a capture into the session's captures folder; the display path uses the client prefix.</summary>
    public ImageInput WriteCapture(string sessionId, string fileName, Mat image)
    {
        var path = TestImages.Write(Path.Combine(SharedRoot, "sessions", sessionId, "captures"), fileName, image);
        return new ImageInput(path, $"/mnt/visual-aoi-shared/sessions/{sessionId}/captures/{fileName}");
    }

    public ImageInput MissingCapture(string sessionId, string fileName) =>
        new(Path.Combine(SharedRoot, "sessions", sessionId, "captures", fileName),
            $"/mnt/visual-aoi-shared/sessions/{sessionId}/captures/{fileName}");

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var root = silo.Configuration[RootKey]!;
            silo.AddMemoryGrainStorage("aoi");
            silo.Services.Configure<AoiOptions>(o =>
            {
                o.DataRoot = root;
                o.SharedRoot = Path.Combine(root, "shared");
                o.ProductRoot = Path.Combine(root, "products");
                o.RoiParallelism = RoiParallelism;
                o.RoiTimeoutSeconds = RoiTimeoutSeconds;
            });
            silo.Services.Configure<InspectionOptions>(o => o.BudgetSeconds = InspectionBudgetSeconds);
            silo.Services.AddSingleton<IProductSnapshotSource, FakeSnapshotSource>();
            silo.Services.AddSingleton<IRoiEvaluator, ScriptedColourEvaluator>();
            silo.Services.AddAoiInspection();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InspectionClusterCollection : ICollectionFixture<InspectionClusterFixture>
{
    public const string Name = "inspection cluster";
}
