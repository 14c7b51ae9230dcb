namespace Aoi.Tests.Demo;

/// <summary>
/// Tests that start the whole server in-process. The co-hosted silo listens on fixed localhost ports, so two such
/// hosts must not run at once: this collection runs alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AoiServerHostCollection
{
    public const string Name = "AOI server host";
}
