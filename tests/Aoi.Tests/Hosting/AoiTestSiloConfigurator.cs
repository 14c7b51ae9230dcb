using Microsoft.Extensions.DependencyInjection;
using Aoi.Silo.Hosting;
using Orleans.TestingHost;

namespace Aoi.Tests.Hosting;

/// <summary>
/// Test silos carry exactly what production silos carry (core services, SQLite storage in Aoi:DataRoot, idle sweep);
/// only clustering is the test host's own.
/// </summary>
public sealed class AoiTestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddAoiCoreServices(siloBuilder.Configuration);
        siloBuilder.AddAoiSiloServices();
        // Engines load when first used; warming them all at start would only cost the test machine CPU.
        siloBuilder.Services.Configure<Aoi.Grains.Engines.EngineWarmupOptions>(o => o.OnStart = false);
    }
}
