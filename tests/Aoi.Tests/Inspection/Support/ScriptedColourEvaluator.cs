using Aoi.Grains.Engines;
using OpenCvSharp;

namespace Aoi.Tests.Inspection.Support;

/// <summary>
/// A colour engine for pipeline tests. It really measures the crop (mean colour within ±tolerance of expected_color),
/// so a wrong crop gives a wrong verdict; expected_text selects a misbehaviour: "throw", "hang" (blocks its thread,
/// ignoring cancellation, until the test ends), "hold" (waits for <see cref="ReleaseHeld"/>), "count" (records
/// concurrency in <see cref="Probe"/>).
/// </summary>
public sealed class ScriptedColourEvaluator : IRoiEvaluator, IDisposable
{
    private readonly ManualResetEventSlim _unblockHangs = new(false);
    private TaskCompletionSource _held = NewSignal();
    private TaskCompletionSource _release = NewSignal();

    public int RoiType => RoiDefinition.Color;

    public ConcurrencyProbe Probe { get; private set; } = new();

    /// <summary>Completes when a "hold" ROI is inside the engine.</summary>
    public Task Held => _held.Task;

    public void ReleaseHeld() => _release.TrySetResult();

    public void Reset()
    {
        Probe = new ConcurrencyProbe();
        _held = NewSignal();
        _release = NewSignal();
    }

    public async Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        switch (context.Roi.ExpectedText)
        {
            case "throw":
                throw new InvalidOperationException("engine exploded");
            case "hang":
                _unblockHangs.Wait(TimeSpan.FromMinutes(2));
                break;
            case "hold":
                _held.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
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

    public void Dispose() => _unblockHangs.Set();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
