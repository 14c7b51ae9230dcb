using Microsoft.Extensions.Options;

namespace Aoi.Grains.Imaging;

/// <summary>Silo-wide bound on full frames decoded and held at once (see <see cref="ImagingOptions"/>).</summary>
public sealed class FrameDecodeGate(IOptions<ImagingOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentDecodes));

    /// <summary>Waits for a slot; disposing the lease frees it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
