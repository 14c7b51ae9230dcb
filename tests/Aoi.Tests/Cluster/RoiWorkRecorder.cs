using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Aoi.Tests.Cluster;

/// <summary>
/// Shared by every in-process silo of a test cluster (each silo has its own DI container, so the log is static):
/// which silo evaluated each ROI of a product, and optional holds that keep a product's ROIs inside the engine until
/// the test releases them (to stop a silo while an inspection is in flight). Products have unique names per test.
/// </summary>
public static class RoiWorkRecorder
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<SiloAddress>> Silos = new();
    private static readonly ConcurrentDictionary<string, Hold> Holds = new();

    public static void Record(string product, SiloAddress silo) =>
        Silos.GetOrAdd(product, _ => new ConcurrentQueue<SiloAddress>()).Enqueue(silo);

    /// <summary>Silos that evaluated ROIs of <paramref name="product"/>, one entry per ROI evaluation.</summary>
    public static IReadOnlyList<SiloAddress> SilosOf(string product) =>
        Silos.TryGetValue(product, out var queue) ? [.. queue] : [];

    /// <summary>From now on ROIs of <paramref name="product"/> wait in the engine until <see cref="Hold.Release"/>.</summary>
    public static Hold HoldRoisOf(string product) => Holds.GetOrAdd(product, _ => new Hold());

    public static Task WaitIfHeldAsync(string product, CancellationToken cancellationToken) =>
        Holds.TryGetValue(product, out var hold) ? hold.EnterAsync(cancellationToken) : Task.CompletedTask;

    public sealed class Hold
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the first held ROI is inside the engine.</summary>
        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        internal async Task EnterAsync(CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    }
}
