using System.Reflection;
using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Aoi.Web.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Aoi.Web.Apis;

/// <summary>
/// Documentation (spec 7.1): the endpoint catalogue is generated from the routing table so it cannot drift from
/// what is implemented; the client guide and the explorer page are files of this project.
/// </summary>
public static class DocsApi
{
    public const string ApiVersion = "1.0.0";
    public const string OpenApiDocumentName = "apispec_1";
    private const string GuideResource = "Aoi.Web.Docs.client-guide.md";
    private const string ExplorerResource = "Aoi.Web.Docs.apidocs.html";

    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Documentation");

        api.MapGet("/api/docs", Catalogue).WithName("ApiDocs").WithSummary("Catalogue of the implemented endpoints");
        api.MapGet("/api/docs/guide", Guide).WithName("ApiGuide").WithSummary("Client guide (Markdown)");
        api.MapGet("/apidocs/", Explorer).WithName("ApiExplorer").WithSummary("API explorer page");
        // MapOpenApi needs a {documentName} parameter; the constraint pins it to the legacy file name.
        app.MapOpenApi($"/{{documentName:regex(^{OpenApiDocumentName}$)}}.json")
            .WithTags("Documentation").WithSummary("OpenAPI document")
            .WithMetadata(new CataloguePathMetadata($"/{OpenApiDocumentName}.json"));
        return app;
    }

    private static IResult Catalogue(EndpointDataSource endpoints, AoiPaths paths)
    {
        var list = new JsonArray();
        foreach (var (method, path, description) in ImplementedEndpoints(endpoints))
        {
            list.Add(new JsonObject { ["method"] = method, ["path"] = path, ["description"] = description });
        }

        return LegacyResults.Json(new JsonObject
        {
            ["api_version"] = ApiVersion,
            ["endpoints"] = list,
            ["roi_types"] = new JsonObject
            {
                ["1"] = "Barcode: decode 1D/2D symbols, optional expected_pattern",
                ["2"] = "Compare: similarity with the golden samples against ai_threshold",
                ["3"] = "OCR: text present, optionally containing expected_text",
                ["4"] = "Color: expected_color box or color_ranges share of pixels",
            },
            ["image_transmission"] = new JsonObject
            {
                ["precedence"] = "image_path > image_filename > image",
                ["image_path"] = $"Path in the shared folder, usually starting with {paths.ClientPrefix}",
                ["image_filename"] = "File name inside sessions/<session_id>/input/",
                ["image"] = "Base64 JPEG, optionally with a data:image/jpeg;base64, prefix",
                ["multipart"] = "POST /api/session/<id>/inspect with a file part named image",
            },
            ["output_paths"] = new JsonObject
            {
                ["roi_image"] = $"{paths.ClientPrefix}sessions/<session_id>/output/roi_<idx>.jpg",
                ["golden_image"] = $"{paths.ClientPrefix}sessions/<session_id>/output/golden_<idx>.jpg",
                ["http"] = "GET /shared/sessions/<session_id>/output/roi_<idx>.jpg",
            },
            ["shared_folder"] = new JsonObject
            {
                ["client_prefix"] = paths.ClientPrefix,
                ["sessions"] = "sessions/<session_id>/{input,captures,output}/",
                ["golden_view"] = "golden/<product>/golden_rois/roi_<idx>/<file> (read-only)",
            },
        });
    }

    /// <summary>
    /// Every routed (method, path) except the deliberately missing ones and the Orleans Dashboard's own API (the page
    /// at /dashboard is the entry), ordered by path then method.
    /// </summary>
    public static IReadOnlyList<(string Method, string Path, string Description)> ImplementedEndpoints(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<NotProvidedMetadata>() is null)
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith(Metrics.MetricsHostingExtensions.DashboardPath.TrimStart('/') + "/", StringComparison.OrdinalIgnoreCase) != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (
                Method: m,
                Path: e.Metadata.GetMetadata<CataloguePathMetadata>()?.Path ?? DisplayPath(e.RoutePattern),
                Description: e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? e.DisplayName ?? "")))
            .Distinct()
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The route template with parameters shown as {name} (constraints and catch-all stars dropped).</summary>
    private static string DisplayPath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        var path = "/" + string.Join('/', segments);
        // "/apidocs/" differs from "/apidocs" only by its trailing slash, which the segments do not keep.
        return pattern.RawText?.EndsWith('/') == true && path != "/" ? path + "/" : path;
    }

    private static IResult Guide()
    {
        var text = ReadResource(GuideResource);
        return text is null
            ? LegacyResults.Json(new JsonObject { ["error"] = "Guide not found", ["tip"] = "See /api/docs for the endpoint catalogue" },
                StatusCodes.Status404NotFound)
            : Results.Text(text, "text/markdown; charset=utf-8");
    }

    private static IResult Explorer()
    {
        var html = ReadResource(ExplorerResource) ?? throw new InvalidOperationException("explorer page missing from the build");
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string? ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
