using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Silo.Hosting;

/// <summary>One start-up line with what an operator needs to know about this process's place in the cluster.</summary>
public sealed partial class StartupReport(
    IConfiguration configuration,
    IOptions<AoiOptions> aoi,
    IOptions<InspectionOptions> inspection,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var orleans = AoiOrleansOptions.From(configuration);
        if (orleans.IsClient)
        {
            LogClient(orleans.Clustering, orleans.ServiceId, orleans.ClusterId, inspection.Value.BudgetSeconds, orleans.ResponseTimeoutSeconds);
        }
        else
        {
            LogSilo(orleans.Mode, orleans.Clustering, orleans.Storage, orleans.SiloPort, orleans.GatewayPort,
                aoi.Value.EffectiveRoiParallelism, inspection.Value.BudgetSeconds, aoi.Value.RoiTimeoutSeconds,
                orleans.ResponseTimeoutSeconds, orleans.ProbeTimeoutSeconds, orleans.MissedProbesLimit);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "AOI silo ({Mode}): clustering {Clustering}, storage {Storage}, silo port {SiloPort}, gateway port {GatewayPort}; " +
                  "{Workers} ROI workers, inspection budget {BudgetSeconds} s, ROI budget {RoiSeconds} s; call timeout {CallSeconds} s, " +
                  "probes every {ProbeSeconds} s, dead after {MissedProbes} missed")]
    private partial void LogSilo(string mode, string clustering, string storage, int siloPort, int gatewayPort, int workers,
        int budgetSeconds, int roiSeconds, int callSeconds, int probeSeconds, int missedProbes);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "AOI front end as a client of cluster {ServiceId}/{ClusterId} ({Clustering}); inspection budget {BudgetSeconds} s, call timeout {CallSeconds} s")]
    private partial void LogClient(string clustering, string serviceId, string clusterId, int budgetSeconds, int callSeconds);
}
