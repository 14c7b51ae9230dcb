using Orleans.TestingHost;

namespace Aoi.Tests.Hosting;

/// <summary>Builds in-process test clusters whose grain state lives in a given data root's SQLite file.</summary>
public static class AoiTestClusters
{
    /// <summary>
    /// A started cluster. The ServiceId is fixed by the caller because stored state is keyed by it: a rebuilt cluster
    /// with the same id and data root sees the state of the previous one.
    /// </summary>
    public static async Task<TestCluster> StartAsync(string dataRoot, string serviceId, short silos = 1)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = "aoi-test-" + Guid.NewGuid().ToString("N")[..8];
        builder.Properties["Aoi:DataRoot"] = dataRoot;
        builder.AddSiloBuilderConfigurator<AoiTestSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
