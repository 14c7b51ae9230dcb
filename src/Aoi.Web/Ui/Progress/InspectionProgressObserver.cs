using Aoi.Web.Legacy;

namespace Aoi.Web.Ui.Progress;

/// <summary>Receives the session grain's per-ROI reports and turns them into the run's wire-format roi events.</summary>
public sealed class InspectionProgressObserver(InspectionRun run, double defaultCompareThreshold) : IInspectionProgressObserver
{
    public Task RoiFinishedAsync(RoiResult result)
    {
        run.RoiFinished(RoiResultJson.ToJson(result, grouped: false, defaultCompareThreshold));
        return Task.CompletedTask;
    }
}
