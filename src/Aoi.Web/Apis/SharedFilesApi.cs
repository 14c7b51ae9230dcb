using System.Text.RegularExpressions;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Aoi.Web.Apis;

/// <summary>
/// Read-only view of the shared root and of the golden libraries under <c>golden/</c> (spec 4.6, 5.6, 7.7) for
/// clients without the network mount. Never lists folders; never serves anything outside the two roots.
/// </summary>
public static partial class SharedFilesApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [GeneratedRegex(@"^golden/(?<product>[^/]+)/golden_rois/roi_(?<idx>[0-9]+)/(?<file>[^/]+)$")]
    private static partial Regex GoldenFile();

    public static IEndpointRouteBuilder MapSharedFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/shared/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .WithTags("Shared files").WithName("SharedFile")
            .WithSummary("Files of the shared root and golden/<p>/golden_rois/roi_<idx>/<file>, read-only, not cached");
        return app;
    }

    private static IResult Serve(string? path, HttpContext context, AoiPaths paths)
    {
        // Clients poll the same output names after every inspection: a cached copy would show an old crop.
        context.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        context.Response.Headers.Pragma = "no-cache";

        var relative = Normalise(path);
        var file = relative.StartsWith("golden/", StringComparison.Ordinal)
            ? GoldenPath(relative, paths)
            : SharedPath(relative, paths);
        if (!File.Exists(file))
        {
            throw new ApiException(StatusCodes.Status404NotFound, "File not found");
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = new FileInfo(file).Length;
            return Results.Empty;
        }

        return Results.File(file, contentType);
    }

    /// <summary>Route values keep an encoded slash; decode it so "..%2F.." is judged like "../..".</summary>
    private static string Normalise(string? path)
    {
        var text = (path ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%5C", "/", StringComparison.OrdinalIgnoreCase)
            .Replace('\\', '/');
        if (text.Contains('\0'))
        {
            throw Escaping();
        }

        return text.TrimStart('/');
    }

    private static string SharedPath(string relative, AoiPaths paths) =>
        SharedPathResolver.ContainedPath(Path.Join(paths.SharedRoot, relative), paths.SharedRoot) ?? throw Escaping();

    /// <summary>golden/&lt;p&gt;/golden_rois/roi_&lt;idx&gt;/&lt;file&gt; maps into the product root (spec 4.6); nothing else there is exposed.</summary>
    private static string GoldenPath(string relative, AoiPaths paths)
    {
        if (relative.Split('/').Any(segment => segment is ".." or "."))
        {
            throw Escaping();
        }

        var match = GoldenFile().Match(relative);
        if (!match.Success || !ProductNames.IsValid(match.Groups["product"].Value)
            || !int.TryParse(match.Groups["idx"].Value, out var idx))
        {
            throw new ApiException(StatusCodes.Status404NotFound, "File not found");
        }

        var folder = paths.GoldenFolder(match.Groups["product"].Value, idx);
        return SharedPathResolver.ContainedPath(Path.Join(folder, match.Groups["file"].Value), folder) ?? throw Escaping();
    }

    private static ApiException Escaping() => new(StatusCodes.Status400BadRequest, "Invalid path: outside shared folder");
}
