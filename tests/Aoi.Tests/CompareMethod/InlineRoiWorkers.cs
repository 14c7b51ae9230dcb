using Aoi.Grains.Inspection;
using Orleans.Runtime;

namespace Aoi.Tests.CompareMethod;

/// <summary>
/// A grain factory whose only grain is the ROI worker, run inline: lets a warm-up be tested without a silo. Anything
/// else is not part of these tests.
/// </summary>
internal sealed class InlineRoiWorkers : IGrainFactory
{
    public ProductWarmup? Warmup { get; set; }

    public int WarmedRois => warmed;

    /// <summary>The most warm-up calls seen running at once.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>Set to keep each warm-up call running until it completes (for seeing how many run at once).</summary>
    public Task? Hold { get; set; }

    private int warmed;
    private int running;
    private readonly Lock counting = new();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        typeof(TGrainInterface) == typeof(IRoiInspectorGrain) ? (TGrainInterface)(object)new Worker(this) : throw Unexpected();

    private sealed class Worker(InlineRoiWorkers owner) : IRoiInspectorGrain
    {
        public Task<RoiResult> InspectAsync(RoiWorkItem item, CancellationToken cancellationToken) => throw Unexpected();

        public async Task WarmRoiAsync(CompareRoiWarmup roi, CancellationToken cancellationToken)
        {
            lock (owner.counting)
            {
                owner.MostAtOnce = Math.Max(owner.MostAtOnce, ++owner.running);
            }

            try
            {
                if (owner.Hold is { } hold)
                {
                    await hold;
                }

                owner.Warmup!.WarmRoi(roi, cancellationToken);
                Interlocked.Increment(ref owner.warmed);
            }
            finally
            {
                lock (owner.counting)
                {
                    owner.running--;
                }
            }
        }
    }

    private static NotSupportedException Unexpected() => new("only the ROI worker is available here");

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidKey => throw Unexpected();
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithStringKey => throw Unexpected();
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidCompoundKey => throw Unexpected();
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerCompoundKey => throw Unexpected();
    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver => throw Unexpected();
    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver => throw Unexpected();
    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw Unexpected();
    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw Unexpected();
    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw Unexpected();
    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw Unexpected();
    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw Unexpected();
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => throw Unexpected();
    public IAddressable GetGrain(GrainId grainId) => throw Unexpected();
    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw Unexpected();
    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => throw Unexpected();
    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey, string grainClassNamePrefix) => throw Unexpected();
}
