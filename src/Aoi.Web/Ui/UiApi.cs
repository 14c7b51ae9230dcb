using System.Text.Json.Nodes;
using Aoi.Web.Http;

namespace Aoi.Web.Ui;

/// <summary>
/// Endpoints only the web pages use: the pictures of the shared root, downscaled previews with the full size, and
/// crops of any rectangle. The pictures are large (7716×5360); the browser only ever receives these small JPEGs.
/// </summary>
public static class UiApi
{
    public const int DefaultPreviewWidth = 1600;
    public const int MaxPreviewWidth = 4096;
    public const int DefaultCropSide = 640;
    public const int MaxCropSide = 2048;

    public static IEndpointRouteBuilder MapUiApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ui").WithTags("Web UI");

        api.MapGet("/settings", Settings).WithName("UiSettings")
            .WithSummary("Settings the pages need: client prefix of the shared folder, default compare threshold");
        api.MapGet("/pictures", Pictures).WithName("UiPictures")
            .WithSummary("Pictures in the shared root (session folders excluded) for the picture pickers");
        api.MapGet("/preview", Preview).WithName("UiPreview")
            .WithSummary("Downscaled JPEG of a shared picture (?path=&width=); X-Image-Width/Height give the full size");
        api.MapGet("/picture-info", PictureInfo).WithName("UiPictureInfo")
            .WithSummary("Full width and height of a shared picture (?path=)");
        api.MapGet("/crop", Crop).WithName("UiCrop")
            .WithSummary("JPEG of a rectangle of a shared picture (?path=&x1=&y1=&x2=&y2=&size=), longer side at most size");
        app.MapGet("/ui", () => Results.Redirect("/ui/")).ExcludeFromDescription();
        return app;
    }

    private static IResult Settings(Aoi.Grains.Options.AoiPaths paths,
        Microsoft.Extensions.Options.IOptions<Aoi.Grains.Options.AoiOptions> options) => LegacyResults.Json(new JsonObject
    {
        ["client_prefix"] = paths.ClientPrefix,
        ["default_compare_threshold"] = options.Value.DefaultCompareThreshold,
        ["shared_url"] = "/shared/",
    });

    private static IResult Pictures(SharedPictures pictures)
    {
        var list = new JsonArray();
        foreach (var file in pictures.List())
        {
            var relative = pictures.RelativePath(file.FullName);
            if (relative is null)
            {
                continue;
            }

            list.Add(new JsonObject
            {
                ["path"] = relative,
                ["client_path"] = pictures.ClientPath(relative),
                ["file_size"] = file.Length,
                ["modified"] = Legacy.WireTime.Iso(file.LastWriteTime),
            });
        }

        return LegacyResults.Json(new JsonObject { ["pictures"] = list, ["count"] = list.Count });
    }

    private static IResult Preview(string? path, int? width, HttpContext context, SharedPictures pictures, PicturePreviews previews)
    {
        var preview = previews.Preview(pictures.Resolve(path), Math.Clamp(width ?? DefaultPreviewWidth, 64, MaxPreviewWidth));
        context.Response.Headers["X-Image-Width"] = preview.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Image-Height"] = preview.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The same path may hold a new picture later (uploads, captures): revalidate instead of trusting a copy.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.File(preview.Jpeg, "image/jpeg");
    }

    private static IResult PictureInfo(string? path, SharedPictures pictures, PicturePreviews previews)
    {
        var preview = previews.Preview(pictures.Resolve(path), DefaultPreviewWidth);
        return LegacyResults.Json(new JsonObject { ["path"] = path, ["width"] = preview.Width, ["height"] = preview.Height });
    }

    private static IResult Crop(string? path, int? x1, int? y1, int? x2, int? y2, int? size, HttpContext context,
        SharedPictures pictures, PicturePreviews previews)
    {
        var file = pictures.Resolve(path);
        if (x1 is null || y1 is null || x2 is null || y2 is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "x1, y1, x2 and y2 are required");
        }

        if (x1 < 0 || y1 < 0 || x2 <= x1 || y2 <= y1)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2");
        }

        context.Response.Headers.CacheControl = "no-cache";
        var jpeg = previews.Crop(file, x1.Value, y1.Value, x2.Value, y2.Value, Math.Clamp(size ?? DefaultCropSide, 16, MaxCropSide));
        return Results.File(jpeg, "image/jpeg");
    }
}
