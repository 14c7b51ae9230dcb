using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aoi.Silo.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Hosting;

/// <summary>The production entry point AddAoiOrleans, started in a plain host on a temporary data root.</summary>
public sealed class CohostedStartupTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder dataRoot = new();
    private readonly string serviceId = "aoi-cohosted-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataRoot.Dispose();
    }

    [Fact]
    public async Task CohostedSiloStartsServesGrainsAndKeepsStateForTheNextStart()
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var settings = Settings(("Aoi:Orleans:SiloPort", siloPort), ("Aoi:Orleans:GatewayPort", gatewayPort));

        var clock = Stopwatch.StartNew();
        using (var host = BuildHost(settings))
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            clock.Stop();
            output.WriteLine($"co-hosted silo cold start (schema install + silo start): {clock.ElapsedMilliseconds} ms");

            var directory = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionDirectoryGrain>(0);
            await directory.RegisterAsync("bbbbbbbb-0000-4000-8000-000000000001", "cohosted-product");
            Assert.Equal("cohosted-product", await directory.GetCurrentProductAsync());

            // The client mode reaches the same silo through its gateway.
            using (var client = BuildHost(Settings(("Aoi:Orleans:Mode", "client"), ("Aoi:Orleans:GatewayPort", gatewayPort))))
            {
                await client.StartAsync(TestContext.Current.CancellationToken);
                var remote = client.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionDirectoryGrain>(0);
                Assert.Equal(["bbbbbbbb-0000-4000-8000-000000000001"], await remote.ListAsync());
                await client.StopAsync(TestContext.Current.CancellationToken);
            }

            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(Path.Combine(dataRoot.Path, "aoi.db")));
        Assert.True(Directory.Exists(Path.Combine(dataRoot.Path, "shared")));
        Assert.True(Directory.Exists(Path.Combine(dataRoot.Path, "products")));

        clock.Restart();
        using (var again = BuildHost(settings))
        {
            await again.StartAsync(TestContext.Current.CancellationToken);
            clock.Stop();
            output.WriteLine($"co-hosted silo warm start (existing database): {clock.ElapsedMilliseconds} ms");
            var directory = again.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionDirectoryGrain>(0);
            Assert.Equal(["bbbbbbbb-0000-4000-8000-000000000001"], await directory.ListAsync());
            await again.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void UnknownModeIsRefusedWithTheKeyName()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(("Aoi:Orleans:Mode", "embedded")));
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddAoiOrleans());
        Assert.Contains("Aoi:Orleans:Mode must be 'cohosted' or 'client', not 'embedded'", error.Message);
    }

    [Fact]
    public async Task DataRootThatIsAFileFailsAtStartWithTheKeyName()
    {
        var file = dataRoot.File("not-a-folder");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        var settings = Settings(("Aoi:Orleans:SiloPort", FreePort()), ("Aoi:Orleans:GatewayPort", FreePort()));
        settings["Aoi:DataRoot"] = file;
        using var host = BuildHost(settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Aoi:DataRoot", error.Message);
        Assert.Contains("is a file, not a folder", error.Message);
    }

    private Dictionary<string, string?> Settings(params (string Key, object Value)[] values)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aoi:DataRoot"] = dataRoot.Path,
            ["Aoi:Orleans:ServiceId"] = serviceId,
            ["Aoi:Orleans:ClusterId"] = serviceId,
        };
        foreach (var (key, value) in values)
        {
            settings[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        // No defaults: the developer's appsettings and environment must not leak into the test.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAoiOrleans();
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
