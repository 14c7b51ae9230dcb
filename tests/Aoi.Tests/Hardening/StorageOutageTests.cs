using Aoi.Grains.Engines;
using Aoi.Grains.Review;
using System.Text.Json.Nodes;
using Aoi.Grains.Grains;
using Aoi.Grains.Inspection;
using Aoi.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Grain storage down for a moment. ProductGrain keeps the files authoritative and the stored copy as a backup: a
/// save during the outage answers 200 with the whole new file on disk (never half-written), and the backup catches
/// up on the next change. The audit log refuses the entry (the caller sees the error) without keeping it in memory.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class StorageOutageTests(OutageCluster fixture)
{
    private static string Rois(int tolerance) => $$"""
        [{"idx": 1, "type": 4, "coords": [0, 0, 10, 10], "expected_color": [255, 0, 0], "color_tolerance": {{tolerance}}},
         {"idx": 2, "type": 1, "coords": [10, 0, 20, 10]}]
        """;

    [Fact]
    public async Task SaveDuringAnOutageWritesTheWholeFileAndTheBackupCatchesUp()
    {
        var product = "OUTAGE-" + Guid.NewGuid().ToString("N")[..8];
        var grain = fixture.Cluster.GrainFactory.GetGrain<IProductGrain>(product);
        Assert.Null((await grain.SaveRoisAsync(Rois(10))).Failure);
        var versionBefore = (await grain.GetSnapshotAsync()).Snapshot!.Version;

        StorageOutage.Failing = true;
        SaveRoisResult during;
        try
        {
            during = await grain.SaveRoisAsync(Rois(20));
        }
        finally
        {
            StorageOutage.Failing = false;
        }

        Assert.Null(during.Failure);
        var folder = Path.Combine(fixture.DataRoot, "products", product);
        var onDisk = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"rois_config_{product}.json")))!.AsArray();
        Assert.Equal(2, onDisk.Count);
        Assert.Equal(20, (int)onDisk[0]!["color_tolerance"]!);
        Assert.Equal([$"rois_config_{product}.json"], Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
        var snapshot = (await grain.GetSnapshotAsync()).Snapshot!;
        Assert.Equal(20, snapshot.Rois[0].ColorTolerance);
        Assert.True(snapshot.Version > versionBefore, "the backup did not catch up once storage was back");
    }

    [Fact]
    public async Task SessionCreateThatCannotBeStoredLeavesNoSession()
    {
        var product = "OUTAGE-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null((await fixture.Cluster.GrainFactory.GetGrain<IProductGrain>(product).SaveRoisAsync(Rois(10))).Failure);
        var id = Guid.NewGuid().ToString();
        var session = fixture.Cluster.GrainFactory.GetGrain<IInspectionSessionGrain>(id);

        StorageOutage.Failing = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => session.CreateAsync(product, []));
        }
        finally
        {
            StorageOutage.Failing = false;
        }

        // Memory equals storage: the activation does not pretend to a session nothing stored.
        Assert.Null(await session.GetStatusAsync());
        Assert.False(Directory.Exists(Path.Combine(fixture.DataRoot, "shared", "sessions", id)));
        Assert.Equal(product, (await session.CreateAsync(product, []))?.ProductName);
    }

    [Fact]
    public async Task AuditAppendFailsClearlyAndKeepsNothingHalfStored()
    {
        var day = fixture.Cluster.GrainFactory.GetGrain<IAuditLogGrain>("1999-01-0" + Random.Shared.Next(1, 9));
        var entry = new AuditEntry(DateTimeOffset.Now, "key:test", "engineer", "POST /x", "P", null, 200, null, "{}");

        StorageOutage.Failing = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => day.AppendAsync(entry));
        }
        finally
        {
            StorageOutage.Failing = false;
        }

        Assert.Empty(await day.ListAsync());
        await day.AppendAsync(entry with { Action = "POST /y" });
        Assert.Equal(["POST /y"], (await day.ListAsync()).Select(e => e.Action).ToArray());
    }
}

/// <summary>A one-silo test cluster whose "aoi" grain storage is <see cref="StorageOutage"/> over memory.</summary>
public sealed class OutageCluster : IAsyncLifetime
{
    public string DataRoot { get; } = Directory.CreateTempSubdirectory("aoi-outage-").FullName;
    public TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ClusterId = "aoi-outage-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties["Aoi:DataRoot"] = DataRoot;
        builder.Properties["Aoi:SeedDemo"] = "false";
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder.
        }
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddAoiCoreServices(silo.Configuration);
            silo.Services.AddAoiInspection();
            // Product grains guard their golden libraries with the review station's regression check.
            silo.Services.AddAoiEngines();
            silo.Services.AddAoiReviewGuard();
            silo.Services.AddSingleton<SessionExpirySweep>();
            silo.AddMemoryGrainStorage("outage-inner");
            silo.Services.AddKeyedSingleton<IGrainStorage>(AoiHostingExtensions.StorageName,
                (sp, _) => new StorageOutage(sp.GetRequiredKeyedService<IGrainStorage>("outage-inner")));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageCluster>
{
    public const string Name = "aoi-outage";
}
