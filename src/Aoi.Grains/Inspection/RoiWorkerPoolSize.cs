using System.Globalization;
using Aoi.Grains.Grains;
using Aoi.Grains.Options;
using Microsoft.Extensions.Options;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Sizes the ROI worker pool from Aoi:RoiParallelism. <c>[StatelessWorker(maxLocalWorkers)]</c> takes a constant
/// only; what it really does is write the grain type's manifest property below, which the stateless worker placement
/// reads when the silo starts. This provider runs after the attribute's and overwrites that property, so the pool —
/// and nothing beside it — is the bound. 0 keeps the attribute's default (the core count).
/// </summary>
public sealed class RoiWorkerPoolSize(IOptions<AoiOptions> options) : IGrainPropertiesProvider
{
    /// <summary>StatelessWorkerPlacement's property for the maximum number of local activations.</summary>
    public const string MaxLocalWorkersProperty = "max-local-instances";

    public void Populate(Type grainClass, GrainType grainType, Dictionary<string, string> properties)
    {
        if (grainClass == typeof(RoiInspectorGrain) && options.Value.RoiParallelism > 0)
        {
            properties[MaxLocalWorkersProperty] = options.Value.RoiParallelism.ToString(CultureInfo.InvariantCulture);
        }
    }
}
