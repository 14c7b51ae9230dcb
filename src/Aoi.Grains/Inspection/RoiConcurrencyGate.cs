using Aoi.Grains.Options;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Inspection;

/// <summary>
/// Silo-wide bound on ROIs processed at once (<see cref="AoiOptions.EffectiveRoiParallelism"/>), shared by every
/// session of the silo. Waiters are served in arrival order, so the longest-first dispatch order is kept.
/// </summary>
public sealed class RoiConcurrencyGate(IOptions<AoiOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.EffectiveRoiParallelism);

    public int Bound { get; } = options.Value.EffectiveRoiParallelism;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        await _slots.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
