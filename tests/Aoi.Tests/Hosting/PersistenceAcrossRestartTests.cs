using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Hosting;

/// <summary>Grain state written by one cluster is read back by a rebuilt cluster on the same ServiceId and file.</summary>
public sealed class PersistenceAcrossRestartTests : IDisposable
{
    private readonly TempFolder dataRoot = new();
    private readonly string serviceId = "aoi-restart-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataRoot.Dispose();
    }

    [Fact]
    public async Task SessionDirectorySurvivesAClusterRestart()
    {
        var first = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        var directory = first.GrainFactory.GetGrain<ISessionDirectoryGrain>(0);
        await directory.RegisterAsync("aaaaaaaa-0000-4000-8000-000000000001", "alpha");
        await directory.RegisterAsync("aaaaaaaa-0000-4000-8000-000000000002", "beta");
        await directory.RegisterAsync("aaaaaaaa-0000-4000-8000-000000000003", "gamma");
        await directory.RegisterAsync("aaaaaaaa-0000-4000-8000-000000000002", "beta");   // repeated: no duplicate
        await directory.UnregisterAsync("aaaaaaaa-0000-4000-8000-000000000003");
        await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        Assert.True(File.Exists(Path.Combine(dataRoot.Path, "aoi.db")));

        var second = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        try
        {
            var reborn = second.GrainFactory.GetGrain<ISessionDirectoryGrain>(0);
            Assert.Equal(["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"], await reborn.ListAsync());
            Assert.Equal("beta", await reborn.GetCurrentProductAsync());
        }
        finally
        {
            await second.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProductBackupSurvivesARestartAndRestoresADeletedConfiguration()
    {
        RequireProductStore();
        var paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = dataRoot.Path }));
        const string product = "restart_product";

        var first = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        long version;
        try
        {
            var grain = first.GrainFactory.GetGrain<IProductGrain>(product);
            var created = await grain.CreateAsync(2, "restart test");
            Assert.Null(created.Failure);
            var snapshot = await grain.GetSnapshotAsync();
            Assert.NotNull(snapshot.Snapshot);
            version = snapshot.Snapshot.Version;
            Assert.True(version >= 1);
        }
        finally
        {
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await first.DisposeAsync();
        }

        var original = await File.ReadAllTextAsync(paths.ConfigFile(product), TestContext.Current.CancellationToken);
        File.Delete(paths.ConfigFile(product));

        var second = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        try
        {
            var restored = await second.GrainFactory.GetGrain<IProductGrain>(product).GetSnapshotAsync();
            Assert.NotNull(restored.Snapshot);
            Assert.Equal(version, restored.Snapshot.Version);
            Assert.Equal(original, await File.ReadAllTextAsync(paths.ConfigFile(product), TestContext.Current.CancellationToken));
        }
        finally
        {
            await second.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnEditOnDiskIsSeenOnTheNextSnapshotAndBumpsTheVersion()
    {
        RequireProductStore();
        var paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = dataRoot.Path }));
        const string product = "edited_product";
        var cluster = await AoiTestClusters.StartAsync(dataRoot.Path, serviceId);
        try
        {
            var grain = cluster.GrainFactory.GetGrain<IProductGrain>(product);
            Assert.Null((await grain.CreateAsync(1, null)).Failure);
            var before = (await grain.GetSnapshotAsync()).Snapshot;
            Assert.NotNull(before);
            Assert.Equal(before.Version, (await grain.GetSnapshotAsync()).Snapshot!.Version);

            // Same ROIs, different text: an edit made with an editor outside the server.
            await File.AppendAllTextAsync(paths.ConfigFile(product), "\n", TestContext.Current.CancellationToken);
            var after = (await grain.GetSnapshotAsync()).Snapshot;
            Assert.NotNull(after);
            Assert.Equal(before.Version + 1, after.Version);
            Assert.Equal(before.Rois.Length, after.Rois.Length);
        }
        finally
        {
            await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await cluster.DisposeAsync();
        }
    }

    /// <summary>The product store is written on another branch; until it is merged these tests cannot run.</summary>
    internal static void RequireProductStore()
    {
        using var probe = new TempFolder();
        var store = new ProductConfigStore(new AoiPaths(Options.Create(new AoiOptions { DataRoot = probe.Path })));
        try
        {
            store.ListProducts();
        }
        catch (NotImplementedException)
        {
            Assert.Skip("ProductConfigStore is not implemented on this branch yet");
        }
        catch (Exception)
        {
            // Implemented (an empty or missing product root may throw its own way): run the test.
        }
    }
}
