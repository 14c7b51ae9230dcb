using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Aoi.Web.Inspection;
using Aoi.Web.Legacy;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Apis;

/// <summary>
/// Single-image and grouped inspection (spec 7.5). Each handler performs the checks in exactly the order the spec
/// lists them, then hands the resolved request to the session grain.
/// </summary>
public static class InspectionApi
{
    public const string BusyError = "Another inspection is in progress";

    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Inspection").WithMetadata(new ClusterUnavailable.InspectionEndpoint());

        api.MapPost("/api/session/{id}/inspect", InspectSingle).WithName("Inspect")
            .WithSummary("Inspect one image (JSON image_path, image_filename or base64 image; or multipart image)");
        api.MapPost("/process_grouped_inspection", InspectGroupedLegacy).WithName("ProcessGroupedInspection")
            .WithSummary("Inspect one image per capture group; session id in the body");
        api.MapPost("/api/session/{id}/grouped_inspect", InspectGrouped).WithName("GroupedInspect")
            .WithSummary("Inspect one image per capture group; session id in the path");
        return app;
    }

    private static async Task<IResult> InspectSingle(string id, HttpRequest request, IGrainFactory grains,
        SingleInspectionReader reader, SessionInspections inspections, IOptions<AoiOptions> options, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var status = await SessionsApi.FindAsync(grains, id, SessionsApi.SessionNotFound);
        RejectWhenBusy(status);
        var inspection = await reader.ReadAsync(request, status, receivedAt, ct);
        var outcome = await inspections.InspectAsync(status.SessionId, inspection);
        return Answer(outcome, request.HttpContext.Response, r => InspectionResponseJson.Single(r, options.Value.DefaultCompareThreshold));
    }

    private static async Task<IResult> InspectGroupedLegacy(HttpRequest request, IGrainFactory grains,
        CaptureGroupsParser parser, SessionInspections inspections, IOptions<AoiOptions> options, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var body = await JsonBodyReader.ReadObjectAsync(request, "No data provided", ct);
        var sessionId = JsonFields.AsText(body["session_id"]);
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Session ID required");
        }

        var status = await SessionsApi.FindAsync(grains, sessionId, "Invalid session ID");
        return await RunGroupedAsync(status, body, receivedAt, parser, inspections, options.Value, request.HttpContext.Response, ct);
    }

    private static async Task<IResult> InspectGrouped(string id, HttpRequest request, IGrainFactory grains,
        CaptureGroupsParser parser, SessionInspections inspections, IOptions<AoiOptions> options, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var body = await JsonBodyReader.ReadObjectAsync(request, "No data provided", ct);
        if (JsonFields.Has(body, "session_id")
            && RouteValues.SessionId(JsonFields.AsText(body["session_id"])) is var bodyId
            && (bodyId is null || bodyId != RouteValues.SessionId(id)))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "session_id does not match URL");
        }

        var status = await SessionsApi.FindAsync(grains, id, SessionsApi.SessionNotFound);
        return await RunGroupedAsync(status, body, receivedAt, parser, inspections, options.Value, request.HttpContext.Response, ct);
    }

    /// <summary>The common tail of both grouped endpoints, from the busy check on (spec 7.5).</summary>
    private static async Task<IResult> RunGroupedAsync(SessionStatus status, JsonObject body, DateTimeOffset receivedAt,
        CaptureGroupsParser parser, SessionInspections inspections, AoiOptions options, HttpResponse httpResponse, CancellationToken ct)
    {
        RejectWhenBusy(status);
        var captured = body["captured_images"];
        if (captured is not JsonObject { Count: > 0 })
        {
            throw new ApiException(StatusCodes.Status400BadRequest, CaptureGroupsParser.NoCapturedImages);
        }

        var barcodes = DeviceBarcodesParser.FromJson(body);
        var groups = await parser.ParseAsync(status.SessionId, captured, ct);
        var outcome = await inspections.InspectAsync(status.SessionId, InspectionRequest.Grouped(groups, barcodes, receivedAt));
        return Answer(outcome, httpResponse, r => InspectionResponseJson.Grouped(r, options.DefaultCompareThreshold));
    }

    /// <summary>The response in the legacy JSON with the timing headers, or the refusal's status and error.</summary>
    private static IResult Answer(InspectionOutcome outcome, HttpResponse httpResponse, Func<InspectionResponse, JsonObject> toJson)
    {
        if (outcome.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        AddTimingHeaders(httpResponse, outcome.Timing);
        return LegacyResults.Json(toJson(outcome.Response!));
    }

    /// <summary>
    /// The server-side split of an inspection as headers (X-Aoi-Decode-Ms, X-Aoi-Roi-Phase-Ms, X-Aoi-Pipeline-Ms), so
    /// benchmarks and operators can see it without changing the legacy JSON body the line clients parse.
    /// </summary>
    private static void AddTimingHeaders(HttpResponse response, InspectionTiming? timing)
    {
        if (timing is null)
        {
            return;
        }

        response.Headers["X-Aoi-Decode-Ms"] = Ms(timing.DecodeMs);
        response.Headers["X-Aoi-Roi-Phase-Ms"] = Ms(timing.RoiPhaseMs);
        response.Headers["X-Aoi-Pipeline-Ms"] = Ms(timing.PipelineMs);
    }

    private static string Ms(double value) => value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    private static void RejectWhenBusy(SessionStatus status)
    {
        if (status.Busy)
        {
            throw new ApiException(StatusCodes.Status409Conflict, BusyError);
        }
    }

}
