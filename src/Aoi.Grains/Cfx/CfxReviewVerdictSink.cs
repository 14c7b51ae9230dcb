using Aoi.Grains.History;
using Aoi.Grains.Review;
using Microsoft.Extensions.Logging;

namespace Aoi.Grains.Cfx;

/// <summary>
/// Puts every stored review verdict on the factory bus (issue 14): another UnitsInspected for the reviewed unit, joined
/// to the inspection by its transaction id, with the operator's verdict (<see cref="CfxPublisher.PublishReviewVerdict"/>).
/// The ROI's device, type, defect code and region come from the inspection as the history kept it. Publishing only
/// queues; a verdict is never held back by the bus.
/// </summary>
public sealed partial class CfxReviewVerdictSink(CfxPublisher publisher, IHistoryStore history, ILogger<CfxReviewVerdictSink> logger)
    : IReviewVerdictSink
{
    public async Task VerdictStoredAsync(ReviewVerdictStored verdict, CancellationToken cancellationToken)
    {
        if (!publisher.IsEnabled)
        {
            return;
        }

        var review = verdict.Review;
        var record = await history.GetAsync(review.InspectionId, cancellationToken);
        if (record?.Rois.FirstOrDefault(r => r.RoiId == review.RoiId) is not { } roi)
        {
            LogNoInspection(review.InspectionId, review.RoiId);
            return;
        }

        var coordinates = RoiDetail.Parse(roi.Detail)?[RoiDetail.Coordinates]?.AsArray().Select(v => (int?)v ?? 0).ToArray();
        var region = coordinates is { Length: 4 } c ? new RoiRect(c[0], c[1], c[2], c[3]) : null;
        var device = record.Devices.FirstOrDefault(d => d.DeviceId == roi.DeviceId);
        publisher.PublishReviewVerdict(new CfxReviewVerdict(
            record.Id,
            record.Product,
            ConfigurationVersion: null,
            roi.DeviceId,
            device?.Barcode ?? verdict.Barcode,
            review.Reviewer,
            review.ReviewedAt,
            [new CfxReviewedRoi(roi.RoiId, roi.RoiType, review.Verdict == ReviewVerdicts.Defect, CfxDefectCodes.Of(roi), review.Note, region)]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review verdict on inspection {InspectionId} ROI {RoiId} not published to CFX: the inspection is not in the history")]
    private partial void LogNoInspection(string inspectionId, int roiId);
}
