using Aoi.Grains.Engines;

namespace Aoi.Tests.Hardening;

/// <summary>
/// A barcode engine that fails the way a real engine can, chosen by the ROI's expected_text: "oom"
/// (OutOfMemoryException), "stack" (InsufficientExecutionStackException), "hang" (blocks its thread, ignoring
/// cancellation, until disposed), anything else → a pass with the text as the decoded value.
/// </summary>
public sealed class FaultyBarcodeEngine : IRoiEvaluator, IDisposable
{
    private readonly ManualResetEventSlim _unblock = new(false);

    public int RoiType => RoiDefinition.Barcode;

    public Task<RoiEvaluation> EvaluateAsync(RoiEvaluationContext context, CancellationToken cancellationToken)
    {
        switch (context.Roi.ExpectedText)
        {
            case "oom":
                throw new OutOfMemoryException("Insufficient memory to continue the execution of the program.");
            case "stack":
                throw new InsufficientExecutionStackException();
            case "hang":
                _unblock.Wait(TimeSpan.FromMinutes(2));
                break;
        }

        var value = context.Roi.ExpectedText ?? "OK";
        return Task.FromResult(new RoiEvaluation(true, Barcode: new BarcodeOutcome([value], ["CODE_128"], value)));
    }

    public void Dispose()
    {
        _unblock.Set();
        _unblock.Dispose();
    }
}
