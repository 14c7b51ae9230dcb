using Aoi.Grains.Engines;

namespace Aoi.Tests.Hardening;

/// <summary>
/// A barcode engine that fails the way a real engine can, chosen by the ROI's expected_text: "oom"
/// (OutOfMemoryException), "stack" (InsufficientExecutionStackException), "hang" (blocks its thread until it is told to
/// stop, then goes on for another half second without looking at its token, and passes), anything else → a pass with
/// the text as the decoded value.
/// </summary>
public sealed class FaultyBarcodeEngine : IRoiEvaluator, IDisposable
{
    public static readonly TimeSpan StopsLate = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether a "hang" is still blocking its thread.</summary>
    public bool Hanging => Volatile.Read(ref _hanging) > 0;

    private int _hanging;

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
                Interlocked.Increment(ref _hanging);
                try
                {
                    cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
                    Thread.Sleep(StopsLate);
                }
                finally
                {
                    Interlocked.Decrement(ref _hanging);
                }

                break;
        }

        var value = context.Roi.ExpectedText ?? "OK";
        return Task.FromResult(new RoiEvaluation(true, Barcode: new BarcodeOutcome([value], ["CODE_128"], value)));
    }

    public void Dispose()
    {
    }
}
