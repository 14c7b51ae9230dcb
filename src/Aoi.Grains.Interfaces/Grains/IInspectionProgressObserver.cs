using Orleans.Concurrency;

namespace Aoi.Grains.Interfaces;

/// <summary>
/// Receives the ROI results of one inspection as they finish (the asynchronous inspection API streams them to the
/// browser). An observer, not a stream: it lives only as long as its caller waits for the inspection, and works the
/// same whether the front end hosts the silo or is an external client.
/// </summary>
[Alias("aoi.IInspectionProgressObserver")]
public interface IInspectionProgressObserver : IGrainObserver
{
    /// <summary>One ROI has its final result; one-way so a slow or vanished watcher never delays the inspection.</summary>
    [OneWay]
    Task RoiFinishedAsync(RoiResult result);
}
