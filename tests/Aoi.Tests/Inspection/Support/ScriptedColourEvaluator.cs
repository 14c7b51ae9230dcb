using Aoi.Grains.Engines;
using OpenCvSharp;

namespace Aoi.Tests.Inspection.Support;

/// <summary>
/// A colour engine for pipeline tests. It really measures the crop (mean colour within ±tolerance of expected_color),
/// so a wrong crop gives a wrong verdict; expected_text selects a misbehaviour: "throw", "hang" (blocks its thread,
/// ignoring cancellation, until <see cref="ReleaseHangsAsync"/> or the end of the tests), "slow" (runs until it is
/// cancelled, then stops), "late" (runs until cancelled, then goes on for <see cref="LateStop"/> before it stops),
/// "linger" (runs a moment), "hold" (waits for <see cref="ReleaseHeld"/>), "count" (waits for the probe's target).
/// "late", "linger" and "count" are counted in <see cref="Probe"/>.
/// </summary>
public sealed class ScriptedColourEvaluator : IRoiEvaluator, IDisposable
{
    private readonly ManualResetEventSlim _unblockHangs = new(false);
    private readonly CountdownEvent _hangsInside = new(1);
    private TaskCompletionSource _held = NewSignal();
    private TaskCompletionSource _release = NewSignal();
    private TaskCompletionSource _lateCancelled = NewSignal();

    /// <summary>How long a "late" ROI keeps computing after its budget ran out.</summary>
    public static readonly TimeSpan LateStop = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a "linger" ROI computes.</summary>
    public static readonly TimeSpan LingerTime = TimeSpan.FromMilliseconds(300);

    public int RoiType => RoiDefinition.Color;

    public ConcurrencyProbe Probe { get; private set; } = new();

    /// <summary>Completes when a "hold" ROI is inside the engine.</summary>
    public Task Held => _held.Task;

    public void ReleaseHeld() => _release.TrySetResult();

    /// <summary>Completes when a "late" ROI has been told to stop (its budget ran out) and goes on regardless.</summary>
    public Task LateCancelled => _lateCancelled.Task;

    public void Reset(int concurrencyTarget = 2)
    {
        Probe = new ConcurrencyProbe(concurrencyTarget);
        _held = NewSignal();
        _release = NewSignal();
        _lateCancelled = NewSignal();
    }

    public async Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        switch (context.Roi.ExpectedText)
        {
            case "throw":
                throw new InvalidOperationException("engine exploded");
            case "hang":
                _hangsInside.AddCount();
                try
                {
                    _unblockHangs.Wait(TimeSpan.FromMinutes(2));
                }
                finally
                {
                    _hangsInside.Signal();
                }

                break;
            case "hold":
                _held.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
                break;
            case "slow":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case "late":
                using (Probe.Enter())
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    _lateCancelled.TrySetResult();
                    Thread.Sleep(LateStop); // an engine step that does not look at its token
                }

                break;
            case "linger":
                using (Probe.Enter())
                {
                    await Task.Delay(LingerTime, cancellationToken);
                }

                break;
            case "count":
                await Probe.ObserveAsync();
                break;
        }

        return Measure(context);
    }

    private static RoiEvaluation Measure(RoiEvaluationContext context)
    {
        var mean = Cv2.Mean(context.Crop);
        int[] rgb = [(int)Math.Round(mean.Val2), (int)Math.Round(mean.Val1), (int)Math.Round(mean.Val0)];
        var expected = context.Roi.ExpectedColor ?? [0, 0, 0];
        var matched = rgb.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= context.Roi.ColorTolerance);
        var hex = $"#{rgb[0]:X2}{rgb[1]:X2}{rgb[2]:X2}";
        var pixels = (long)context.Crop.Width * context.Crop.Height;
        var outcome = new ColorOutcome(matched ? "Match" : "No Match", matched ? 100.0 : 0.0, rgb,
            context.Roi.MinPixelPercentage, matched, matched ? hex : null, hex, matched ? pixels : 0);
        return new RoiEvaluation(matched, Color: outcome, ColorThreshold: context.Roi.MinPixelPercentage);
    }

    /// <summary>Lets every "hang" ROI go and completes once all of them have left the engine.</summary>
    public async Task ReleaseHangsAsync()
    {
        _unblockHangs.Set();
        _hangsInside.Signal();
        await Task.Run(() => _hangsInside.Wait(TimeSpan.FromMinutes(1)));
        _hangsInside.Reset(1);
        _unblockHangs.Reset();
    }

    public void Dispose() => _unblockHangs.Set();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
