using Orleans.Runtime;

namespace Aoi.Tests.Cluster;

/// <summary>
/// Stopping one of three silos while an inspection runs on it: products and sessions survive (they reactivate on a
/// survivor from storage) and the in-flight inspection either completes whole or fails with a clear error.
/// </summary>
public sealed class SiloFailoverTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int MaxSessionAttempts = 60;
    private MultiSiloCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await MultiSiloCluster.StartAsync(3);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task StoppingASiloMidInspectionLosesNoProductOrSession()
    {
        // Never the primary: TestingHost's development membership is seeded by it.
        var victim = _cluster.Cluster.SecondarySilos[^1].SiloAddress;
        var product = await _cluster.CreateProductAsync();
        var heldProduct = await _cluster.CreateProductAsync();

        var sessions = new List<string>();
        while (sessions.Count < 4 || !await AnyOnAsync(sessions, victim))
        {
            Assert.True(sessions.Count < MaxSessionAttempts, $"no session of {sessions.Count} was placed on {victim}");
            var id = await _cluster.NewSessionAsync(product);
            Assert.Null((await _cluster.Session(id).InspectAsync(_cluster.GoodBoard(id), null, Ct)).Failure);
            sessions.Add(id);
        }

        var onVictim = (await OnSiloAsync(sessions, victim)).First();
        var heldSession = await NewSessionOnAsync(heldProduct, victim);

        var hold = RoiWorkRecorder.HoldRoisOf(heldProduct);
        var inFlight = _cluster.Session(heldSession).InspectAsync(_cluster.GoodBoard(heldSession), null, Ct);
        await hold.Entered.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var stopping = _cluster.Cluster.StopSiloAsync(_cluster.Cluster.SecondarySilos[^1], TestContext.Current.CancellationToken);
        hold.Release();
        await stopping;
        Assert.DoesNotContain(victim, _cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress));

        await AssertCompleteOrClearFailureAsync(inFlight);

        // Every session, including those whose activation was on the stopped silo, answers from stored state.
        foreach (var id in sessions)
        {
            var status = await _cluster.Session(id).GetStatusAsync();
            Assert.NotNull(status);
            Assert.Equal(product, status.ProductName);
            Assert.Equal(1, status.InspectionCount);
        }

        Assert.Equal(heldProduct, (await _cluster.Session(heldSession).GetStatusAsync())?.ProductName);
        var snapshot = await _cluster.Grains.GetGrain<IProductGrain>(product).GetSnapshotAsync();
        Assert.Equal(MultiSiloCluster.RoiCount, snapshot.Snapshot?.Rois.Length);

        // The moved session inspects again on its new silo, with its ROI work there too.
        var again = await _cluster.Session(onVictim).InspectAsync(_cluster.GoodBoard(onVictim), null, Ct);
        Assert.Equal(new OverallResult(true, MultiSiloCluster.RoiCount, MultiSiloCluster.RoiCount, 0), again.Response?.Overall);
        var home = await _cluster.SiloOfAsync(_cluster.Session(onVictim));
        Assert.NotNull(home);
        Assert.NotEqual(victim, home);
        Assert.Equal(2, (await _cluster.Session(onVictim).GetStatusAsync())!.InspectionCount);
        Assert.Equal(home, RoiWorkRecorder.SilosOf(product)[^1]);
    }

    /// <summary>Either a whole answer (every ROI judged) or an exception with a message; never a partial result.</summary>
    private static async Task AssertCompleteOrClearFailureAsync(Task<InspectionOutcome> inFlight)
    {
        InspectionOutcome outcome;
        try
        {
            outcome = await inFlight;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or SiloUnavailableException)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return;
        }

        Assert.Null(outcome.Failure);
        var response = outcome.Response!;
        Assert.Equal([1, 2], response.RoiResults.Select(r => r.RoiId));
        Assert.All(response.RoiResults, r => Assert.True(r.Passed || r.Error is not null, $"ROI {r.RoiId} failed without an error"));
        var passed = response.RoiResults.Count(r => r.Passed);
        Assert.Equal(new OverallResult(passed == MultiSiloCluster.RoiCount, MultiSiloCluster.RoiCount, passed, MultiSiloCluster.RoiCount - passed),
            response.Overall);
    }

    private async Task<string> NewSessionOnAsync(string product, SiloAddress silo)
    {
        for (var attempt = 0; attempt < MaxSessionAttempts; attempt++)
        {
            var id = await _cluster.NewSessionAsync(product);
            if (silo.Equals(await _cluster.SiloOfAsync(_cluster.Session(id))))
            {
                return id;
            }
        }

        Assert.Fail($"no session of {MaxSessionAttempts} was placed on {silo}");
        return null!;
    }

    private async Task<bool> AnyOnAsync(IEnumerable<string> sessions, SiloAddress silo) =>
        (await OnSiloAsync(sessions, silo)).Count > 0;

    private async Task<List<string>> OnSiloAsync(IEnumerable<string> sessions, SiloAddress silo)
    {
        var found = new List<string>();
        foreach (var id in sessions)
        {
            if (silo.Equals(await _cluster.SiloOfAsync(_cluster.Session(id))))
            {
                found.Add(id);
            }
        }

        return found;
    }
}
