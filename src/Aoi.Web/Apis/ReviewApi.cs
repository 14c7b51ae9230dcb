using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Web.Http;
using Aoi.Web.Security;
using Aoi.Web.Ui;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Apis;

/// <summary>
/// The review station: the queue of failed ROIs nobody has reviewed, verdicts (false call / defect, optionally
/// learned), the figures that come from them, and the kept frame of an inspection for the review page's board.
/// </summary>
public static class ReviewApi
{
    public const string InvalidVerdict = "verdict must be false_call or defect";
    public const string InvalidLearn = "learn must be true or false";
    public const int MaxTextLength = 2000;

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/review").WithTags("Review");
        api.MapGet("/queue", Queue).WithName("ReviewQueue")
            .WithSummary("Failed ROIs of stored inspections not reviewed yet, newest first; filters product, station, from, to, page, page_size");
        api.MapPost("/{inspectionId}/rois/{roiId}", Verdict).WithName("ReviewVerdict")
            .WithSummary("Verdict on a failed ROI: {verdict: false_call|defect, defect_kind, note, learn}; a re-review replaces the earlier one");
        api.MapGet("/stats", Stats).WithName("ReviewStats")
            .WithSummary("Per product and ROI: inspected, failed, reviewed, confirmed defects, false calls, false-call ppm, first-pass yield and yield after review");
        api.MapGet("/{inspectionId}/frame", Frame).WithName("ReviewFrame")
            .WithSummary("Downscaled JPEG of a single-frame inspection's kept frame (?width=); X-Image-Width/Height give the full size");
        return app;
    }

    private static async Task<IResult> Queue(HttpContext context, IReviewStore reviews, IOptions<ReviewOptions> options, CancellationToken ct)
    {
        var filters = HistoryQueryParser.Inspections(context.Request.Query) with { Barcode = null, Passed = null };
        var page = await reviews.QueueAsync(filters, ct);
        var body = ReviewJson.Queue(page);
        var reviewer = ReviewerOf(context);
        body["may_learn"] = reviewer.MayLearn;
        body["learn_default"] = reviewer.MayLearn && options.Value.AutoLearnFalseCalls;
        return LegacyResults.Json(body);
    }

    private static async Task<IResult> Verdict(string inspectionId, string roiId, HttpRequest request, ReviewService service, CancellationToken ct)
    {
        var roi = GoldenSamplesApi.ParseRoiId(roiId);
        var body = await JsonBodyReader.ReadObjectAsync(request, InvalidVerdict, ct);
        var verdict = JsonFields.AsText(body["verdict"])?.Trim();
        if (!ReviewVerdicts.IsValid(verdict))
        {
            throw Bad(InvalidVerdict);
        }

        var review = new ReviewRequest(inspectionId.Trim(), roi, verdict!, Text(body, "defect_kind"), Text(body, "note"), Learn(body));
        var outcome = await service.ReviewAsync(review, ReviewerOf(request.HttpContext), ct);
        return outcome.Kind switch
        {
            ReviewOutcomeKind.Stored => LegacyResults.Json(ReviewJson.Verdict(outcome.Review!, outcome.Replaced)),
            ReviewOutcomeKind.Conflict => LegacyResults.Json(ReviewJson.Refused(review, outcome), StatusCodes.Status409Conflict),
            _ => LegacyResults.Error(outcome.Kind switch
            {
                ReviewOutcomeKind.NotFound => StatusCodes.Status404NotFound,
                ReviewOutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
                ReviewOutcomeKind.Failed => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            }, outcome.Error ?? "Review failed"),
        };
    }

    private static async Task<IResult> Stats(HttpRequest request, IReviewStore reviews, CancellationToken ct)
    {
        var from = HistoryQueryParser.Time(request.Query, "from");
        var to = HistoryQueryParser.Time(request.Query, "to");
        var stats = await reviews.StatsAsync(HistoryQueryParser.Product(request.Query), from, to, ct);
        return LegacyResults.Json(ReviewJson.Stats(stats, from, to));
    }

    private static async Task<IResult> Frame(string inspectionId, int? width, HttpContext context, IHistoryStore history,
        HistoryImageKeeper images, PicturePreviews previews, CancellationToken ct)
    {
        var record = await history.GetAsync(inspectionId.Trim(), ct)
            ?? throw new ApiException(StatusCodes.Status404NotFound, HistoryApi.InspectionNotFound);
        var frames = HistoryApi.Frames(record, images);
        if (record.Grouped || frames.Count != 1)
        {
            throw new ApiException(StatusCodes.Status404NotFound, "No single kept frame for this inspection");
        }

        var preview = previews.Preview(Path.Combine(images.FolderOf(record.ImageFolder!), frames[0]),
            Math.Clamp(width ?? UiApi.DefaultPreviewWidth, 64, UiApi.MaxPreviewWidth));
        context.Response.Headers["X-Image-Width"] = preview.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Image-Height"] = preview.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.File(preview.Jpeg, "image/jpeg");
    }

    /// <summary>The caller as the review service sees it: name, role, and whether the role may learn goldens (engineer and up).</summary>
    private static Reviewer ReviewerOf(HttpContext context) => context.Caller() is { } caller
        ? new Reviewer(caller.Name, caller.RoleName, caller.Role >= AoiRole.Engineer)
        : new Reviewer("anonymous", "none", false);

    private static string? Text(JsonObject body, string name)
    {
        if (!JsonFields.Has(body, name))
        {
            return null;
        }

        var text = body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        return text is null || text.Length > MaxTextLength
            ? throw Bad($"{name} must be a text of at most {MaxTextLength} characters")
            : text;
    }

    private static bool? Learn(JsonObject body) => !JsonFields.Has(body, "learn")
        ? null
        : body["learn"]!.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(InvalidLearn),
        };

    private static ApiException Bad(string error) => new(StatusCodes.Status400BadRequest, error);
}
