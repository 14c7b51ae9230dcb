using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Aoi.Web.Inspection;
using Aoi.Web.Ui;
using Aoi.Web.Ui.Progress;
using Microsoft.AspNetCore.Http.Features;

namespace Aoi.Web.Apis;

/// <summary>
/// Asynchronous single-image inspection next to the legacy synchronous one: the POST answers 202 at once and a
/// Server-Sent Events stream reports each ROI result as it finishes, then the verdict. The request body and the
/// checks before the inspection starts are those of <c>POST /api/session/{id}/inspect</c> (spec 7.5); errors found
/// by the inspection itself (unreadable picture, product configuration) arrive as the stream's <c>failed</c> event.
/// </summary>
public static class InspectionsAsyncApi
{
    public const int RecentCount = 50;

    public static IEndpointRouteBuilder MapInspectionsAsyncApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session/{id}/inspections", Start).WithTags("Asynchronous inspection")
            .WithMetadata(new ClusterUnavailable.InspectionEndpoint()).WithName("StartInspection")
            .WithSummary("Start a single-image inspection (body as /inspect); 202 with the inspection id and its event stream");
        var api = app.MapGroup("/api/live-inspections").WithTags("Asynchronous inspection");
        api.MapGet("", Recent).WithName("RecentLiveInspections")
            .WithSummary("Recent asynchronous inspections of this front end with their verdicts, newest first");
        api.MapGet("/{inspectionId}", Get).WithName("GetLiveInspection")
            .WithSummary("State of an asynchronous inspection; the full response once it is done");
        api.MapGet("/{inspectionId}/events", Events).WithName("InspectionEvents")
            .WithSummary("Server-Sent Events: started, one roi per ROI as it finishes, then done (verdict + response) or failed");
        return app;
    }

    private static async Task<IResult> Start(string id, HttpRequest request, IGrainFactory grains,
        SingleInspectionReader reader, SharedPictures pictures, InspectionRunner runner, CancellationToken ct)
    {
        var receivedAt = DateTimeOffset.Now;
        var status = await SessionsApi.FindAsync(grains, id, SessionsApi.SessionNotFound);
        if (status.Busy)
        {
            throw new ApiException(StatusCodes.Status409Conflict, InspectionApi.BusyError);
        }

        var inspection = await reader.ReadAsync(request, status, receivedAt, ct);
        var image = inspection.Image!;
        // Checked here so that the most common mistake is an immediate 404, not a stream that fails at once.
        if (!File.Exists(image.ServerPath))
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"Image file not found: {image.DisplayPath}");
        }

        var run = runner.Start(status, inspection, pictures.RelativePath(image.ServerPath));
        var location = $"/api/live-inspections/{run.Id}";
        request.HttpContext.Response.Headers.Location = location;
        return LegacyResults.Json(new JsonObject
        {
            ["inspection_id"] = run.Id,
            ["session_id"] = run.SessionId,
            ["product_name"] = run.ProductName,
            ["picture"] = run.Picture,
            ["status_url"] = location,
            ["events_url"] = $"{location}/events",
        }, StatusCodes.Status202Accepted);
    }

    private static IResult Recent(InspectionRunRegistry registry)
    {
        var list = new JsonArray(registry.Recent(RecentCount).Select(r => (JsonNode?)r.Summary()).ToArray());
        return LegacyResults.Json(new JsonObject { ["inspections"] = list, ["count"] = list.Count });
    }

    private static IResult Get(string inspectionId, InspectionRunRegistry registry)
    {
        var run = Find(registry, inspectionId);
        var summary = run.Summary();
        var (events, _, _) = run.Read(0);
        summary["roi_results"] = new JsonArray(events.Where(e => e.Name == ProgressEvent.Roi)
            .Select(e => (JsonNode?)e.Data.DeepClone()).ToArray());
        summary["response"] = events.LastOrDefault(e => e.Name == ProgressEvent.Done)?.Data["response"]?.DeepClone();
        return LegacyResults.Json(summary);
    }

    private static async Task Events(string inspectionId, HttpContext context, InspectionRunRegistry registry)
    {
        var run = Find(registry, inspectionId);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Without this a proxy-style buffer (or response compression) would hold the events back until the end.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var next = NextSequence(context.Request.Headers["Last-Event-ID"].FirstOrDefault());
        var ct = context.RequestAborted;
        try
        {
            while (true)
            {
                var (events, finished, changed) = run.Read(next);
                foreach (var e in events)
                {
                    await response.WriteAsync(Format(e), Encoding.UTF8, ct);
                    next = e.Sequence + 1;
                }

                await response.Body.FlushAsync(ct);
                if (finished)
                {
                    return;
                }

                await changed.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The watcher closed the page; the inspection goes on without it.
        }
    }

    /// <summary>One SSE frame; the JSON is written on one line, so one data field carries it.</summary>
    public static string Format(ProgressEvent e) =>
        $"id: {e.Sequence}\nevent: {e.Name}\ndata: {e.Data.ToJsonString()}\n\n";

    private static int NextSequence(string? lastEventId) =>
        int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last + 1 : 0;

    private static InspectionRun Find(InspectionRunRegistry registry, string inspectionId) =>
        registry.Find(inspectionId) ?? throw new ApiException(StatusCodes.Status404NotFound, "Inspection not found");
}
