using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Audit;
using Aoi.Grains.Golden;
using Aoi.Grains.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Review;

/// <summary>
/// The review station's verdicts: checks the ROI against the stored inspection, changes the ROI's library through its
/// golden grain (learn a false call, keep a confirmed defect as a regression sample), stores the verdict in force,
/// writes the audit log, counts it and tells the <see cref="IReviewVerdictSink"/>. The library change comes first and
/// is idempotent (one learned golden and one sample per inspection), so a verdict whose storing fails can simply be
/// given again.
/// </summary>
public sealed partial class ReviewService(
    IHistoryStore history,
    IReviewStore reviews,
    HistoryImageKeeper images,
    IGrainFactory grains,
    IReviewVerdictSink sink,
    AoiMetrics metrics,
    IOptions<ReviewOptions> options,
    TimeProvider time,
    ILogger<ReviewService> logger)
{
    public const string InspectionNotFound = "Inspection not found";
    public const string LearnNeedsEngineer = "Forbidden: requires engineer";
    public const string LearnOnlyFalseCalls = "learn applies to false calls only";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<ReviewOutcome> ReviewAsync(ReviewRequest request, Reviewer reviewer, CancellationToken cancellationToken)
    {
        if (!ReviewVerdicts.IsValid(request.Verdict))
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.Invalid, $"verdict must be {ReviewVerdicts.FalseCall} or {ReviewVerdicts.Defect}");
        }

        var isDefect = request.Verdict == ReviewVerdicts.Defect;
        if (isDefect && request.Learn == true)
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.Invalid, LearnOnlyFalseCalls);
        }

        if (request.Learn == true && !reviewer.MayLearn)
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.Forbidden, LearnNeedsEngineer);
        }

        var record = await history.GetAsync(request.InspectionId, cancellationToken);
        if (record is null)
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.NotFound, InspectionNotFound);
        }

        var roi = record.Rois.FirstOrDefault(r => r.RoiId == request.RoiId);
        if (roi is null)
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.NotFound, $"ROI {request.RoiId} not found in inspection {record.Id}");
        }

        if (roi.Passed)
        {
            return ReviewOutcome.Fail(ReviewOutcomeKind.Invalid, $"ROI {roi.RoiId} passed: only failed ROIs are reviewed");
        }

        var learn = !isDefect && (request.Learn ?? (options.Value.AutoLearnFalseCalls && reviewer.MayLearn));
        var previous = await reviews.InForceAsync(record.Id, roi.RoiId, cancellationToken);
        var review = new ReviewRecord(Guid.NewGuid().ToString("N"), record.Id, roi.RoiId, record.Product, request.Verdict,
            isDefect ? Trimmed(request.DefectKind) : null, Trimmed(request.Note), false, null, null, reviewer.Name, reviewer.Role, time.GetUtcNow());
        var crop = KeptCrop(record, roi);

        var library = await ChangeLibraryAsync(record, roi, review, previous, learn, crop);
        if (library.Failure is { } failure)
        {
            return failure;
        }

        review = review with { Learned = library.LearnedFile is not null, GoldenFile = library.LearnedFile, Reason = library.Reason };
        ReviewRecord? replaced;
        try
        {
            replaced = await reviews.StoreAsync(review, cancellationToken);
        }
        catch (DbException ex)
        {
            LogStoreFailed(ex, record.Id, roi.RoiId);
            return ReviewOutcome.Fail(ReviewOutcomeKind.Failed, $"verdict could not be stored: {ex.Message}");
        }

        metrics.ReviewVerdictStored(review.Verdict);
        await AuditAsync(review, replaced, library, crop);
        await NotifyAsync(new ReviewVerdictStored(review, replaced, BarcodeOf(record, roi), record.Station, record.RecordedAt), cancellationToken);
        return new ReviewOutcome(ReviewOutcomeKind.Stored, null, review, replaced);
    }

    /// <summary>What the verdict changed in the library (learned golden, withdrawn golden), the reviewer's note, or why it stops.</summary>
    private sealed record LibraryChange(string? LearnedFile, string? WithdrawnFile, string? Reason, ReviewOutcome? Failure = null);

    private async Task<LibraryChange> ChangeLibraryAsync(
        InspectionRecord record, RoiRecord roi, ReviewRecord review, ReviewRecord? previous, bool learn, string? crop)
    {
        var isDefect = review.Verdict == ReviewVerdicts.Defect;
        if (roi.RoiType != "compare")
        {
            return new LibraryChange(null, null, learn ? "only compare ROIs have a golden library: nothing learned" : null);
        }

        // A false call without learning changes the library only when it overturns a confirmed defect.
        if (!isDefect && !learn && previous is not { Verdict: ReviewVerdicts.Defect })
        {
            return new LibraryChange(null, null, null);
        }

        var bytes = crop is null ? null : await File.ReadAllBytesAsync(crop);
        var sample = isDefect
            ? new RegressionSampleInfo(record.Id, record.Product, roi.RoiId, review.DefectKind, review.Note, review.Reviewer,
                review.ReviewedAt, BarcodeOf(record, roi), record.RecordedAt)
            : null;
        var result = await grains.GetGrain<IGoldenReviewGrain>(GrainGoldenPromoter.GrainKey(record.Product, roi.RoiId))
            .ApplyReviewAsync(new GoldenReviewChange(record.Id, isDefect, learn, bytes, sample));
        var note = result.Note;
        switch (result.Outcome)
        {
            case GoldenReviewOutcome.RefusedByRegression:
                var escape = result.Escape!;
                return new LibraryChange(null, null, null, ReviewOutcome.Fail(ReviewOutcomeKind.Conflict,
                    $"Learning refused: {escape.Describe()}; nothing was learned or stored", escape));
            case GoldenReviewOutcome.ProductNotFound:
                return new LibraryChange(null, null, null, ReviewOutcome.Fail(ReviewOutcomeKind.NotFound, note ?? "Product not found"));
            case GoldenReviewOutcome.NotCompare or GoldenReviewOutcome.CropUnusable:
                return new LibraryChange(null, null, null, ReviewOutcome.Fail(ReviewOutcomeKind.Invalid, note ?? "nothing to learn"));
        }

        if (crop is null && (learn || isDefect))
        {
            note = Join(note, isDefect ? "the crop is no longer kept: no regression sample" : "the crop is no longer kept: nothing learned");
        }

        if (result.RemovedLearnedFile is { } withdrawn)
        {
            note = Join(note, $"golden {withdrawn} learned from this inspection was withdrawn");
        }

        return new LibraryChange(result.LearnedFile, result.RemovedLearnedFile, note);
    }

    private string? KeptCrop(InspectionRecord record, RoiRecord roi)
    {
        if (record.ImageFolder is not { } folder || roi.ImageFile is not { } file)
        {
            return null;
        }

        var path = Path.Combine(images.FolderOf(folder), file);
        return File.Exists(path) ? path : null;
    }

    private async Task AuditAsync(ReviewRecord review, ReviewRecord? replaced, LibraryChange library, string? crop)
    {
        var at = time.GetLocalNow();
        var action = $"review {review.InspectionId} ROI {review.RoiId}: {review.Verdict}" +
            (replaced is null ? "" : $" (replaces {replaced.Verdict} {replaced.ReviewId})");
        var entries = new List<AuditEntry>
        {
            new(at, review.Reviewer, review.ReviewerRole, action, review.Product, review.RoiId, 200,
                replaced is null ? null : JsonSerializer.Serialize(replaced, Json), JsonSerializer.Serialize(review, Json)),
        };
        if (library.LearnedFile is { } learned && crop is not null)
        {
            entries.Add(new(at, review.Reviewer, review.ReviewerRole, $"learn golden {learned} from inspection {review.InspectionId}",
                review.Product, review.RoiId, 200, null, FileJson(learned, crop)));
        }

        if (library.WithdrawnFile is { } withdrawn)
        {
            entries.Add(new(at, review.Reviewer, review.ReviewerRole,
                $"withdraw golden {withdrawn}: inspection {review.InspectionId} is a confirmed defect", review.Product, review.RoiId, 200,
                new JsonObject { ["name"] = withdrawn }.ToJsonString(), null));
        }

        try
        {
            var day = grains.GetGrain<IAuditLogGrain>(AuditDay.Key(at));
            foreach (var entry in entries)
            {
                await day.AppendAsync(entry);
            }
        }
        catch (Exception ex)
        {
            // The verdict is stored and answered; a lost audit line must be loud, not undo it.
            LogAuditFailed(ex, review.InspectionId, review.RoiId);
        }
    }

    private async Task NotifyAsync(ReviewVerdictStored verdict, CancellationToken cancellationToken)
    {
        try
        {
            await sink.VerdictStoredAsync(verdict, cancellationToken);
        }
        catch (Exception ex)
        {
            LogSinkFailed(ex, verdict.Review.InspectionId, verdict.Review.RoiId);
        }
    }

    /// <summary>The learned golden as the golden audits describe files: name, size and SHA-256 (it holds the crop's bytes).</summary>
    private static string FileJson(string name, string crop)
    {
        var bytes = File.ReadAllBytes(crop);
        return new JsonArray(new JsonObject
        {
            ["name"] = name, ["size"] = bytes.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        }).ToJsonString();
    }

    private static string? BarcodeOf(InspectionRecord record, RoiRecord roi) =>
        record.Devices.FirstOrDefault(d => d.DeviceId == roi.DeviceId)?.Barcode;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Join(string? first, string second) => first is null ? second : $"{first}; {second}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Verdict on inspection {InspectionId} ROI {RoiId} could not be stored")]
    private partial void LogStoreFailed(Exception exception, string inspectionId, int roiId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry for the verdict on inspection {InspectionId} ROI {RoiId} could not be stored")]
    private partial void LogAuditFailed(Exception exception, string inspectionId, int roiId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verdict sink failed for inspection {InspectionId} ROI {RoiId}")]
    private partial void LogSinkFailed(Exception exception, string inspectionId, int roiId);
}
