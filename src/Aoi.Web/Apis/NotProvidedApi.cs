using Aoi.Web.Http;

namespace Aoi.Web.Apis;

/// <summary>
/// Routes the legacy server never implemented although one client path calls them (spec 7.8). They are mapped so
/// that they stay 404 with the legacy text even if a broader route is added later.
/// </summary>
public static class NotProvidedApi
{
    public static IEndpointRouteBuilder MapNotProvidedApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/inspect/{sessionId}", NotFound)
            .WithMetadata(new NotProvidedMetadata()).ExcludeFromDescription();
        app.MapGet("/api/products/{product}/rois/{roi}/golden_samples", NotFound)
            .WithMetadata(new NotProvidedMetadata()).ExcludeFromDescription();
        return app;
    }

    private static IResult NotFound() => LegacyResults.Error(StatusCodes.Status404NotFound, "Not found");
}
