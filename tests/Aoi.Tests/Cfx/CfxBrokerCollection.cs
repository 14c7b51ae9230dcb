namespace Aoi.Tests.Cfx;

/// <summary>
/// Tests that publish to the CI run's broker. They run one at a time (one of them stops and restarts the broker)
/// and after the parallel tests, like the other whole-server tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CfxBrokerCollection
{
    public const string Name = "CFX broker";
}
