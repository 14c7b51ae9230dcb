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
    public const string ImageRequired = "Image data is required (image_path, image_filename, image or multipart image)";

    public static IEndpointRouteBuilder MapInspectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Inspection");

        api.MapPost("/api/session/{id}/inspect", InspectSingle).WithName("Inspect")
            .WithSummary("Inspect one image (JSON image_path, image_filename or base64 image; or multipart image)");
        api.MapPost("/process_grouped_inspection", InspectGroupedLegacy).WithName("ProcessGroupedInspection")
            .WithSummary("Inspect one image per capture group; session id in the body");
        api.MapPost("/api/session/{id}/grouped_inspect", InspectGrouped).WithName("GroupedInspect")
            .WithSummary("Inspect one image per capture group; session id in the path");
        return app;
    }

    private static async Task<IResult> InspectSingle(string id, HttpRequest request, IGrainFactory grains,
        ImageInputResolver resolver, UploadedImageWriter writer, IOptions<AoiOptions> options, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var status = await SessionsApi.FindAsync(grains, id, SessionsApi.SessionNotFound);
        RejectWhenBusy(status);

        ImageInput image;
        DeviceBarcodeInput barcodes;
        if (JsonBodyReader.IsMultipart(request.ContentType))
        {
            var form = await MultipartFormReader.ReadAsync(request, ct);
            if (form.Count == 0 && form.Files.Count == 0)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Request data is required");
            }

            var file = form.Files.GetFile("image");
            if (file is null || file.Length == 0)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, ImageRequired);
            }

            barcodes = DeviceBarcodesParser.FromForm(form["device_barcodes"].FirstOrDefault(), form["device_barcode"].FirstOrDefault());
            image = await writer.WriteAsync(status.SessionId, file, ct);
        }
        else
        {
            var body = await JsonBodyReader.ReadObjectAsync(request, "Request data is required", ct);
            var source = ImageSource.Select(body) ?? throw new ApiException(StatusCodes.Status400BadRequest, ImageRequired);
            barcodes = DeviceBarcodesParser.FromJson(body);
            image = await resolver.ResolveAsync(status.SessionId, source, ct);
        }

        var outcome = await grains.GetGrain<IInspectionSessionGrain>(status.SessionId)
            .InspectAsync(new InspectRequest(image, barcodes, receivedAt));
        AddTimingHeaders(request.HttpContext.Response, outcome.Timing);
        return outcome is { Status: StatusCodes.Status200OK, Response: { } response }
            ? LegacyResults.Json(InspectionResponseJson.Single(response, options.Value.DefaultCompareThreshold))
            : Failure(outcome);
    }

    private static async Task<IResult> InspectGroupedLegacy(HttpRequest request, IGrainFactory grains,
        CaptureGroupsParser parser, IOptions<AoiOptions> options, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var body = await JsonBodyReader.ReadObjectAsync(request, "No data provided", ct);
        var sessionId = JsonFields.AsText(body["session_id"]);
        if (string.IsNullOrWhiteSpace(sessionId))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Session ID required");
        }

        var status = await SessionsApi.FindAsync(grains, sessionId, "Invalid session ID");
        return await RunGroupedAsync(status, body, receivedAt, grains, parser, options.Value, request.HttpContext.Response, ct);
    }

    private static async Task<IResult> InspectGrouped(string id, HttpRequest request, IGrainFactory grains,
        CaptureGroupsParser parser, IOptions<AoiOptions> options, CancellationToken ct)
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
        return await RunGroupedAsync(status, body, receivedAt, grains, parser, options.Value, request.HttpContext.Response, ct);
    }

    /// <summary>The common tail of both grouped endpoints, from the busy check on (spec 7.5).</summary>
    private static async Task<IResult> RunGroupedAsync(SessionStatus status, JsonObject body, DateTimeOffset receivedAt,
        IGrainFactory grains, CaptureGroupsParser parser, AoiOptions options, HttpResponse httpResponse, CancellationToken ct)
    {
        RejectWhenBusy(status);
        var captured = body["captured_images"];
        if (captured is not JsonObject { Count: > 0 })
        {
            throw new ApiException(StatusCodes.Status400BadRequest, CaptureGroupsParser.NoCapturedImages);
        }

        var barcodes = DeviceBarcodesParser.FromJson(body);
        var groups = await parser.ParseAsync(status.SessionId, captured, ct);
        var outcome = await grains.GetGrain<IInspectionSessionGrain>(status.SessionId)
            .InspectGroupedAsync(new GroupedInspectRequest(groups, barcodes, receivedAt));
        AddTimingHeaders(httpResponse, outcome.Timing);
        return outcome is { Status: StatusCodes.Status200OK, Response: { } response }
            ? LegacyResults.Json(InspectionResponseJson.Grouped(response, options.DefaultCompareThreshold))
            : Failure(outcome);
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

    private static IResult Failure(InspectionOutcome outcome) =>
        LegacyResults.Error(outcome.Status == StatusCodes.Status200OK ? StatusCodes.Status500InternalServerError : outcome.Status,
            outcome.Error ?? "Internal server error", outcome.ValidationErrors);
}
