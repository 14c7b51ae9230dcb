using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aoi.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using TempFolder = Aoi.Tests.Hosting.TempFolder;

namespace Aoi.Tests.Cluster;

/// <summary>
/// Two real silo processes with ADO.NET clustering and grain storage on PostgreSQL (AOI_TEST_POSTGRES, set by
/// .ci/run), an Orleans client in the test reading the gateway list from the same database, and one silo killed.
/// </summary>
public sealed class MultiProcessPostgresTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromMinutes(1);
    private readonly TempFolder _dataRoot = new();
    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = "aoi-mp-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _client;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(CancellationToken.None);
            _client.Dispose();
        }

        _silos.ForEach(s => s.Dispose());
        _dataRoot.Dispose();
    }

    [Fact]
    public async Task KillingOneOfTwoSiloProcessesLosesNoProductOrSessionAndInspectionGoesOn()
    {
        var connection = ClusterTestStorage.RequirePostgres();
        var cancel = TestContext.Current.CancellationToken;
        var assembly = SiloProcess.LocateAssembly();
        for (var i = 0; i < 2; i++)
        {
            var (siloPort, gatewayPort) = (FreePort(), FreePort());
            _silos.Add(SiloProcess.Start(assembly, siloPort, SiloArguments(connection, siloPort, gatewayPort)));
        }

        await WaitForActiveSilosAsync(connection, 2, cancel);
        var grains = await StartClientAsync(connection, cancel);
        var cluster = new ClientView(grains, _dataRoot.Path);

        var product = "MP-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await grains.GetGrain<IProductGrain>(product).SaveRoisAsync(MultiSiloCluster.RoisJson);
        Assert.True(saved.Failure is null, $"{saved.Failure}");

        var sessions = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.NewGuid().ToString();
            Assert.NotNull(await cluster.Session(id).CreateAsync(product, "{}"));
            var outcome = await cluster.Session(id).InspectAsync(cluster.GoodBoard(id), null, Ct);
            Assert.Equal(new OverallResult(true, MultiSiloCluster.RoiCount, MultiSiloCluster.RoiCount, 0), outcome.Response?.Overall);
            sessions.Add(id);
        }

        var home = await cluster.HomeOfAsync(sessions[0]);
        Assert.NotNull(home);
        var victim = _silos.Single(s => s.SiloPort == home.Endpoint.Port);

        var clock = Stopwatch.StartNew();
        victim.Kill();
        foreach (var id in sessions)
        {
            var status = await RetryUntilAnsweredAsync(() => cluster.Session(id).GetStatusAsync(), cancel);
            Assert.Equal(product, status?.ProductName);
            Assert.Equal(1, status!.InspectionCount);
        }

        var recovered = clock.Elapsed;
        var again = await cluster.Session(sessions[0]).InspectAsync(cluster.GoodBoard(sessions[0]), null, Ct);
        Assert.Equal(new OverallResult(true, MultiSiloCluster.RoiCount, MultiSiloCluster.RoiCount, 0), again.Response?.Overall);
        var snapshot = await grains.GetGrain<IProductGrain>(product).GetSnapshotAsync();
        Assert.Equal(MultiSiloCluster.RoiCount, snapshot.Snapshot?.Rois.Length);
        var newHome = await cluster.HomeOfAsync(sessions[0]);
        Assert.NotEqual(home, newHome);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"all {sessions.Count} sessions answered {recovered.TotalSeconds:F1} s after the kill; inspection after failover {clock.Elapsed.TotalSeconds:F1} s");
    }

    private IEnumerable<string> SiloArguments(string connection, int siloPort, int gatewayPort) =>
    [
        $"--Aoi:DataRoot={_dataRoot.Path}",
        "--Aoi:SeedDemo=false",
        $"--Aoi:Orleans:Clustering={AoiOrleansOptions.AdoNetClustering}",
        $"--Aoi:Orleans:Storage={AoiOrleansOptions.PostgresStorage}",
        $"--Aoi:Orleans:ServiceId={_clusterId}",
        $"--Aoi:Orleans:ClusterId={_clusterId}",
        "--Aoi:Orleans:AdvertisedAddress=127.0.0.1",
        $"--Aoi:Orleans:SiloPort={siloPort}",
        $"--Aoi:Orleans:GatewayPort={gatewayPort}",
        $"--ConnectionStrings:{AoiOrleansOptions.ConnectionStringName}={connection}",
    ];

    private async Task WaitForActiveSilosAsync(string connection, int count, CancellationToken cancel)
    {
        var limit = Stopwatch.StartNew();
        await using var database = NpgsqlDataSource.Create(connection);
        while (true)
        {
            foreach (var silo in _silos.Where(s => s.HasExited))
            {
                Assert.Fail($"silo on port {silo.SiloPort} exited during start:\n{silo.Output}");
            }

            if (await CountActiveAsync(database, cancel) == count)
            {
                return;
            }

            Assert.True(limit.Elapsed < StartLimit, $"{count} silos not active after {StartLimit}:\n{string.Join("\n---\n", _silos.Select(s => s.Output))}");
            await Task.Delay(250, cancel);
        }
    }

    private async Task<long> CountActiveAsync(NpgsqlDataSource database, CancellationToken cancel)
    {
        try
        {
            await using var command = database.CreateCommand(
                "SELECT count(*) FROM AoiMembership WHERE DeploymentId = @cluster AND Status = 3");
            command.Parameters.AddWithValue("cluster", _clusterId);
            return (long)(await command.ExecuteScalarAsync(cancel))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the first silo has not installed the schema yet
        }
    }

    private async Task<IGrainFactory> StartClientAsync(string connection, CancellationToken cancel)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AoiOrleansOptions.SectionName}:Mode"] = AoiOrleansOptions.ClientMode,
            [$"{AoiOrleansOptions.SectionName}:Clustering"] = AoiOrleansOptions.AdoNetClustering,
            [$"{AoiOrleansOptions.SectionName}:ServiceId"] = _clusterId,
            [$"{AoiOrleansOptions.SectionName}:ClusterId"] = _clusterId,
            [$"ConnectionStrings:{AoiOrleansOptions.ConnectionStringName}"] = connection,
        });
        var orleans = AoiOrleansOptions.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseAoiClustering(orleans);
            // Short, so a call stuck on the killed silo is retried instead of waiting for the production timeout.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
        });
        _client = builder.Build();
        await _client.StartAsync(cancel);
        return _client.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>Until the survivor has voted the killed silo dead, calls routed to it fail; retry them.</summary>
    private static async Task<T> RetryUntilAnsweredAsync<T>(Func<Task<T>> call, CancellationToken cancel)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException && limit.Elapsed < FailoverLimit)
            {
                await Task.Delay(200, cancel);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Session grains and pictures as seen by the test client.</summary>
    private sealed class ClientView(IGrainFactory grains, string dataRoot)
    {
        public IInspectionSessionGrain Session(string id) => grains.GetGrain<IInspectionSessionGrain>(id);

        /// <summary>Silo of the session's current activation.</summary>
        public async Task<Orleans.Runtime.SiloAddress?> HomeOfAsync(string id) =>
            await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Session(id));

        public InspectionRequest GoodBoard(string sessionId)
        {
            using var frame = Inspection.Support.TestImages.Frame(200, 100, Inspection.Support.TestImages.Rgb(0, 128, 0),
                (new RoiRect(10, 10, 190, 90), Inspection.Support.TestImages.Rgb(255, 0, 0)));
            var path = Inspection.Support.TestImages.Write(
                Path.Combine(dataRoot, "shared", "sessions", sessionId, "captures"), "board.png", frame);
            return InspectionRequest.Single(new ImageInput(path, $"/mnt/visual-aoi-shared/sessions/{sessionId}/captures/board.png"),
                DeviceBarcodeInput.None, DateTimeOffset.UtcNow);
        }
    }
}
