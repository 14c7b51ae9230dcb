using System.Diagnostics.Metrics;

namespace Aoi.Grains.History;

/// <summary>
/// The server's OpenTelemetry instruments, on the meter "Aoi". Names are already in Prometheus form: the exporter
/// adds the unit and <c>_total</c> suffixes (aoi_inspections_total, aoi_inspection_duration_seconds, ...).
/// </summary>
public sealed class AoiMetrics : IDisposable
{
    public const string MeterName = "Aoi";

    private readonly Meter meter;
    private readonly Counter<long> inspections;
    private readonly Histogram<double> inspectionDuration;
    private readonly Histogram<double> roiDuration;
    private readonly Counter<long> engineErrors;
    private readonly Counter<long> historyDropped;
    private readonly Counter<long> historyWritten;
    private readonly Counter<long> reviewVerdicts;
    private Func<long> queueDepth = () => 0;

    public AoiMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        inspections = meter.CreateCounter<long>("aoi_inspections", description: "Inspections answered, by overall verdict (pass|fail)");
        inspectionDuration = meter.CreateHistogram<double>("aoi_inspection_duration", "s",
            "Inspection time from request received to answer");
        roiDuration = meter.CreateHistogram<double>("aoi_roi_duration", "s", "Processing time of one ROI, by ROI type");
        engineErrors = meter.CreateCounter<long>("aoi_engine_errors", description: "ROIs that ended with an error, by ROI type");
        historyDropped = meter.CreateCounter<long>("aoi_history_dropped", description: "History records lost: buffer full or retries exhausted");
        historyWritten = meter.CreateCounter<long>("aoi_history_written", description: "History records stored in the database");
        reviewVerdicts = meter.CreateCounter<long>("aoi_review_verdicts", description: "Review verdicts stored, by verdict (false_call|defect)");
        meter.CreateObservableGauge("aoi_history_queue_depth", () => queueDepth(), description: "History records waiting for the database");
    }

    /// <summary>Counts an answered inspection and its ROIs.</summary>
    public void InspectionAnswered(InspectionResponse response)
    {
        inspections.Add(1, new KeyValuePair<string, object?>("verdict", response.Overall.Passed ? "pass" : "fail"));
        inspectionDuration.Record(response.ProcessingTime);
        foreach (var roi in response.RoiResults)
        {
            var type = new KeyValuePair<string, object?>("roi_type", roi.RoiTypeName);
            roiDuration.Record(roi.ProcessingTimeMs / 1000.0, type);
            if (roi.Error is not null)
            {
                engineErrors.Add(1, type);
            }
        }
    }

    public void HistoryDropped(long count, string reason) =>
        historyDropped.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void HistoryWritten(long count) => historyWritten.Add(count);

    public void ReviewVerdictStored(string verdict) => reviewVerdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    /// <summary>Where the queue depth gauge reads from (the history writer, once it exists).</summary>
    public void ObserveQueueDepth(Func<long> depth) => queueDepth = depth;

    public void Dispose() => meter.Dispose();
}
