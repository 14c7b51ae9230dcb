using Orleans.Runtime;
using Orleans.Storage;

namespace Aoi.Tests.Hardening;

/// <summary>
/// Grain storage "aoi" that writes through to memory until <see cref="Failing"/> is set, then refuses every write
/// like a database that is down for a moment. Reads keep working (a cached connection, a replica).
/// </summary>
public sealed class StorageOutage(IGrainStorage inner) : IGrainStorage
{
    public static volatile bool Failing;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Failing ? throw new TimeoutException("storage unavailable (simulated outage)") : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Failing ? throw new TimeoutException("storage unavailable (simulated outage)") : inner.ClearStateAsync(stateName, grainId, grainState);
}
