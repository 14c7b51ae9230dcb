using Orleans.Runtime;

namespace Aoi.Tests.Cluster;

/// <summary>Three in-process silos: sessions spread over silos, and each session's ROI work runs on its own silo.</summary>
public sealed class ClusterPlacementTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Sessions = 12;
    private MultiSiloCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await MultiSiloCluster.StartAsync(3);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task SessionsLandOnSeveralSilosAndEachSessionsRoiWorkStaysOnItsSilo()
    {
        // One product per session, so the recorder can tell the sessions' ROI work apart.
        var sessions = new List<(string Id, string Product)>();
        for (var i = 0; i < Sessions; i++)
        {
            var product = await _cluster.CreateProductAsync();
            sessions.Add((await _cluster.NewSessionAsync(product), product));
        }

        var homes = new Dictionary<string, SiloAddress>();
        foreach (var (id, product) in sessions)
        {
            var outcome = await _cluster.Session(id).InspectAsync(_cluster.GoodBoard(id), null, Ct);
            Assert.Null(outcome.Failure);
            Assert.Equal(new OverallResult(true, MultiSiloCluster.RoiCount, MultiSiloCluster.RoiCount, 0), outcome.Response!.Overall);
            homes[id] = (await _cluster.SiloOfAsync(_cluster.Session(id)))!;

            var roiSilos = RoiWorkRecorder.SilosOf(product);
            Assert.Equal(MultiSiloCluster.RoiCount, roiSilos.Count);
            Assert.All(roiSilos, silo => Assert.Equal(homes[id], silo));
        }

        var used = homes.Values.Distinct().ToList();
        Assert.True(used.Count >= 2, $"all {Sessions} sessions were placed on {used[0]}");
        Assert.All(used, silo => Assert.Contains(silo, _cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress)));
    }
}
