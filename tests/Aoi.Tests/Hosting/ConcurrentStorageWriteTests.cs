using System.Diagnostics;
using Aoi.Grains.Grains;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Aoi.Tests.Hosting;

/// <summary>The SQLite grain storage under concurrent writers on two silos sharing one file.</summary>
public sealed class ConcurrentStorageWriteTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder dataRoot = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataRoot.Dispose();
    }

    [Fact]
    public async Task ManyGrainsWriteConcurrentlyFromTwoSilosWithoutLockErrors()
    {
        const int grains = 50;
        const int writesPerGrain = 4;
        var cluster = await AoiTestClusters.StartAsync(dataRoot.Path, "aoi-concurrency-" + Guid.NewGuid().ToString("N")[..8], silos: 2);
        try
        {
            var storages = cluster.Silos.Cast<InProcessSiloHandle>()
                .Select(s => s.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("aoi")).ToArray();
            Assert.Equal(2, storages.Length);

            var clock = Stopwatch.StartNew();
            var etags = await Task.WhenAll(Enumerable.Range(0, grains).Select(i => WriteSeriesAsync(storages[i % 2], i, writesPerGrain)));
            clock.Stop();
            Assert.All(etags, etag => Assert.Equal(writesPerGrain.ToString(System.Globalization.CultureInfo.InvariantCulture), etag));
            output.WriteLine($"concurrent: {grains * writesPerGrain} writes on {grains} grains, 2 silos: {clock.ElapsedMilliseconds} ms = {grains * writesPerGrain / clock.Elapsed.TotalSeconds:F0} writes/s");

            // Read back through the other silo's provider: every grain holds its last write.
            for (var i = 0; i < grains; i++)
            {
                var state = new GrainState<ProductState>(new ProductState());
                await storages[(i + 1) % 2].ReadStateAsync("aoi-load", LoadGrain(i), state);
                Assert.True(state.RecordExists);
                Assert.Equal(writesPerGrain, state.State!.Version);
                Assert.Equal($"grain {i}", state.State!.ConfigJson);
            }

            var sequential = new GrainState<ProductState>(new ProductState());
            const int sequentialWrites = 200;
            clock.Restart();
            for (var w = 0; w < sequentialWrites; w++)
            {
                sequential.State!.Version = w;
                await storages[0].WriteStateAsync("aoi-load", LoadGrain(-1), sequential);
            }

            clock.Stop();
            output.WriteLine($"sequential: {sequentialWrites} writes on one grain: {clock.ElapsedMilliseconds} ms = {sequentialWrites / clock.Elapsed.TotalSeconds:F0} writes/s");
        }
        finally
        {
            await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task StaleWriterGetsAVersionConflict()
    {
        var cluster = await AoiTestClusters.StartAsync(dataRoot.Path, "aoi-conflict-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var storage = ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("aoi");
            var winner = new GrainState<ProductState>(new ProductState { ConfigJson = "winner" });
            var loser = new GrainState<ProductState>(new ProductState { ConfigJson = "loser" });
            await storage.WriteStateAsync("aoi-load", LoadGrain(7), winner);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("aoi-load", LoadGrain(7), loser));

            await storage.ReadStateAsync("aoi-load", LoadGrain(7), loser);
            Assert.Equal("winner", loser.State!.ConfigJson);
        }
        finally
        {
            await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);
            await cluster.DisposeAsync();
        }
    }

    private static GrainId LoadGrain(int i) => GrainId.Create("aoi-load", $"g{i}");

    private static async Task<string?> WriteSeriesAsync(IGrainStorage storage, int grain, int writes)
    {
        var state = new GrainState<ProductState>(new ProductState { ConfigJson = $"grain {grain}" });
        for (var w = 1; w <= writes; w++)
        {
            state.State!.Version = w;
            await storage.WriteStateAsync("aoi-load", LoadGrain(grain), state);
        }

        return state.ETag;
    }
}
