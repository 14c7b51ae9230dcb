using System.Text.Json.Nodes;
using Aoi.Grains.Products;
using Aoi.Web.Http;
using Aoi.Web.Legacy;
using Aoi.Web.SystemInfo;

namespace Aoi.Web.Apis;

/// <summary>Session lifecycle (spec 5.2, 7.4).</summary>
public static class SessionsApi
{
    public const string SessionNotFound = "Session not found";

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Sessions");

        api.MapPost("/api/session/create", Create).WithName("CreateSession").WithSummary("Open a session for a product");
        api.MapGet("/api/sessions", List).WithName("ListSessions").WithSummary("Open sessions");
        api.MapGet("/api/session/list", List).WithName("ListSessionsLegacy").WithSummary("Open sessions (legacy path)");
        api.MapGet("/api/session/{id}", Status).WithName("GetSession").WithSummary("Session status");
        api.MapGet("/api/session/{id}/status", Status).WithName("GetSessionStatus").WithSummary("Session status");
        api.MapPost("/api/session/{id}/close", Close).WithName("CloseSession").WithSummary("Close a session and delete its folder");
        api.MapDelete("/api/session/{id}", Close).WithName("DeleteSession").WithSummary("Close a session and delete its folder");
        return app;
    }

    private static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var body = await JsonBodyReader.ReadOptionalObjectAsync(request, ct) ?? [];
        var product = JsonFields.AsText(body["product_name"])?.Trim();
        if (string.IsNullOrEmpty(product))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Product name is required");
        }

        // A name that breaks the product-name rule cannot name an existing product.
        var notFound = new ApiException(StatusCodes.Status404NotFound, $"Product not found: {product}");
        if (!ProductNames.IsValid(product))
        {
            throw notFound;
        }

        var clientInfo = body["client_info"] is JsonObject info ? info : [];
        var sessionId = Guid.NewGuid().ToString("D");
        var status = await grains.GetGrain<IInspectionSessionGrain>(sessionId).CreateAsync(product, clientInfo)
            ?? throw notFound;

        return LegacyResults.Json(new JsonObject
        {
            ["session_id"] = status.SessionId,
            ["product_name"] = status.ProductName,
            ["created_at"] = WireTime.Iso(status.CreatedAt),
            ["message"] = $"Session created for product: {status.ProductName}",
        });
    }

    private static async Task<IResult> List(SessionOverview overview)
    {
        var sessions = await overview.ListAsync();
        return LegacyResults.Json(new JsonObject
        {
            ["sessions"] = new JsonArray(sessions.Select(s => (JsonNode?)SessionJson.Status(s)).ToArray()),
            ["count"] = sessions.Count,
        });
    }

    private static async Task<IResult> Status(string id, IGrainFactory grains)
    {
        var status = await FindAsync(grains, id, SessionNotFound);
        return LegacyResults.Json(SessionJson.Status(status));
    }

    private static async Task<IResult> Close(string id, IGrainFactory grains)
    {
        var sessionId = RouteValues.SessionId(id) ?? throw new ApiException(StatusCodes.Status404NotFound, SessionNotFound);
        var outcome = await grains.GetGrain<IInspectionSessionGrain>(sessionId).CloseAsync();
        if (outcome.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        return LegacyResults.Json(new JsonObject
        {
            ["message"] = $"Session {sessionId} closed",
            ["duration_seconds"] = outcome.DurationSeconds,
            ["inspection_count"] = outcome.InspectionCount,
            ["directory_cleaned"] = outcome.DirectoryCleaned,
        });
    }

    /// <summary>Status of an open session, or 404 with <paramref name="notFoundError"/>.</summary>
    internal static async Task<SessionStatus> FindAsync(IGrainFactory grains, string? id, string notFoundError)
    {
        var sessionId = RouteValues.SessionId(id) ?? throw new ApiException(StatusCodes.Status404NotFound, notFoundError);
        return await grains.GetGrain<IInspectionSessionGrain>(sessionId).GetStatusAsync()
            ?? throw new ApiException(StatusCodes.Status404NotFound, notFoundError);
    }
}
