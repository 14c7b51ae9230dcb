namespace Aoi.Tests.Demo;

/// <summary>
/// Tests that start the whole server in-process and inspect full-frame pictures. They run alone, after the parallel
/// tests, so two full-frame inspections do not compete for the two cores and for memory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AoiServerHostCollection
{
    public const string Name = "AOI server host";
}
