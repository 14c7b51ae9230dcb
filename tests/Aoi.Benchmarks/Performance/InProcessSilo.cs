using Aoi.Grains.Engines;
using Aoi.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aoi.Benchmarks.Performance;

/// <summary>
/// A production-configured silo (Aoi.Silo's AddAoiSilo: engines, inspection services, stateless ROI workers, SQLite
/// storage) inside the benchmark process, so grain fan-out and direct calls run on the very same services.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<InProcessSilo> StartAsync(Workspace workspace)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Aoi__ settings in the benchmark's environment (e.g. Aoi__CompareBackbone) apply here as in the server processes.
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aoi:DataRoot"] = workspace.Sub("inproc"),
            ["Aoi:ProductRoot"] = workspace.ProductRoot,
            ["Aoi:SharedRoot"] = workspace.SharedRoot,
            ["Aoi:SeedDemo"] = "false",
            ["Aoi:Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aoi:Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aoi:Warmup:OnStart"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Aoi", LogLevel.Error);
        builder.AddAoiSilo();
        builder.Services.AddEngineWarmupOnStart();
        var host = builder.Build();
        await host.StartAsync();
        var report = await host.Services.GetRequiredService<EngineWarmup>().EnsureStartedAsync();
        if (!report.Healthy)
        {
            Console.Error.WriteLine("warm-up failures: " + string.Join("; ", report.Failures));
        }

        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
