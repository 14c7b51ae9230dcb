using System.Text.Json.Nodes;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Images;

namespace Aoi.Web.Apis;

/// <summary>
/// The old single-golden store golden/roi_&lt;id&gt;_golden.jpg (spec 7.6, last three rows), still used by the Tk
/// client. Inspection never reads it. Changes go through the ROI's golden library grain like every golden change.
/// </summary>
public static class LegacyGoldenApi
{
    public const string NoImageData = "No image data provided";

    public static IEndpointRouteBuilder MapLegacyGoldenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products/{product}/golden").WithTags("Golden samples");

        api.MapGet("/{roiId}", Get).WithName("GetLegacyGolden")
            .WithSummary("Old single-golden store: the ROI's golden as base64");
        api.MapPost("/{roiId}", Save).WithName("SaveLegacyGolden")
            .WithSummary("Old single-golden store: save a base64 golden (data-URL prefix tolerated)");
        api.MapDelete("/{roiId}", Delete).WithName("DeleteLegacyGolden")
            .WithSummary("Old single-golden store: delete the ROI's golden");
        return app;
    }

    private static async Task<IResult> Get(string product, string roiId, AoiPaths paths, CancellationToken ct)
    {
        var (name, idx) = GoldenSamplesApi.ExistingRoute(product, roiId, paths);
        var store = new LegacyGoldenStore(paths.ProductFolder(name), idx);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(store.FilePath, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ApiException(StatusCodes.Status404NotFound, LegacyGoldenStore.NotFound);
        }

        return LegacyResults.Json(new JsonObject { ["image"] = Convert.ToBase64String(bytes) });
    }

    private static async Task<IResult> Save(string product, string roiId, HttpRequest request, IGrainFactory grains, AoiPaths paths,
        CancellationToken ct)
    {
        var (name, idx) = GoldenSamplesApi.ExistingRoute(product, roiId, paths);
        var body = await JsonBodyReader.ReadObjectAsync(request, NoImageData, ct);
        var text = JsonFields.AsText(body["image"]);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, NoImageData);
        }

        var bytes = UploadedImageWriter.DecodeBase64(text);
        GoldenSamplesApi.Checked(await GoldenSamplesApi.Folder(grains, name, idx).SaveLegacyGoldenAsync(bytes));
        return LegacyResults.Json(new JsonObject { ["message"] = "Golden sample saved successfully" });
    }

    private static async Task<IResult> Delete(string product, string roiId, IGrainFactory grains, AoiPaths paths)
    {
        var (name, idx) = GoldenSamplesApi.ExistingRoute(product, roiId, paths);
        GoldenSamplesApi.Checked(await GoldenSamplesApi.Folder(grains, name, idx).DeleteLegacyGoldenAsync());
        return LegacyResults.Json(new JsonObject { ["message"] = "Golden sample deleted successfully" });
    }
}
