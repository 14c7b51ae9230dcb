using Aoi.Grains.Cfx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.History;

/// <summary>
/// Takes a finished inspection from its session: counts it in the metrics, keeps its pictures, hands the record to
/// the buffered writer and publishes it on the CFX bus (the history id is the CFX transaction id). Never throws and
/// never waits on the database or the broker: history and CFX are by-products of the answer.
/// </summary>
public sealed partial class InspectionRecorder(
    HistoryImageKeeper images,
    BufferedHistoryWriter writer,
    AoiMetrics metrics,
    IOptions<HistoryOptions> options,
    IHistoryDatabase database,
    CfxPublisher cfx,
    TimeProvider time,
    ILogger<InspectionRecorder> logger)
{
    /// <summary>Record <paramref name="outcome"/> when it is an answered inspection; errors (4xx) are not history.</summary>
    public void Record(InspectionRecordContext context, InspectionOutcome outcome)
    {
        if (outcome.Response is not { } response)
        {
            return;
        }

        try
        {
            metrics.InspectionAnswered(response);
            var record = Build(context, response, time);
            cfx.InspectionAnswered(response, Guid.ParseExact(record.Id, "N"));
            if (!options.Value.Enabled || database.Kind == UnconfiguredHistoryDatabase.None)
            {
                return;
            }

            writer.TryEnqueue(images.Keep(record, context));
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, context.SessionId, context.ProductName);
        }
    }

    /// <summary>The history record of a response, before any picture is kept.</summary>
    public static InspectionRecord Build(InspectionRecordContext context, InspectionResponse response, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var day = TimeZoneInfo.ConvertTime(now, time.LocalTimeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var devices = response.Devices
            .Select(d => new DeviceRecord(d.DeviceId, d.Barcode, d.BarcodeRaw, d.BarcodeSource, d.Counts.Passed))
            .ToList();
        var overall = response.Overall;
        var rois = response.RoiResults.Select(r =>
        {
            var (score, threshold, decoded) = RoiScores.Of(r);
            // Only a failed inspection reaches the review queue, and only there is the board drawn from its ROIs.
            return new RoiRecord(r.RoiId, r.RoiTypeName, r.DeviceId, r.Passed, score, threshold, decoded, r.Error,
                r.ProcessingTimeMs, r.Group, FileName(r.RoiImagePath), FileName(r.GoldenImagePath),
                overall.Passed ? null : RoiDetail.Of(r));
        }).ToList();
        return new InspectionRecord(Guid.NewGuid().ToString("N"), now, day, response.ProductName, context.SessionId,
            StationName.From(context.ClientInfoJson), context.ClientInfoJson, response.Groups is not null, overall.Passed,
            overall.TotalRois, overall.PassedRois, overall.FailedRois, Math.Round(response.ProcessingTime * 1000, 1),
            devices, rois, null, null);
    }

    // Output paths are client paths (spec 5.6); the file itself is the same name in the session output folder.
    private static string? FileName(string? clientPath) =>
        string.IsNullOrEmpty(clientPath) ? null : clientPath[(clientPath.LastIndexOf('/') + 1)..];

    [LoggerMessage(Level = LogLevel.Error, Message = "Inspection of {Product} in session {SessionId} could not be recorded in the history")]
    private partial void LogRecordFailed(Exception exception, string sessionId, string product);
}
