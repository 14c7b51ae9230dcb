using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Golden;
using Aoi.Grains.Options;
using Aoi.Web.Http;
using Microsoft.AspNetCore.Mvc;

namespace Aoi.Web.Apis;

/// <summary>
/// The golden library endpoints (spec 4, 7.6). Handlers check the request in the order of the spec's error list, then
/// hand every change to the folder's golden library grain (or the product's golden grain for renames), which
/// serialises it cluster-wide. Also maps the old single-golden store (<see cref="LegacyGoldenApi"/>).
/// </summary>
public static class GoldenSamplesApi
{
    public const string SaveRequired = "Product name and ROI ID are required";
    public const string NoImageFile = "No image file provided";
    public const string NoImageSelected = "No image file selected";
    public const string InvalidRoiId = "Invalid ROI ID";
    public const string PromoteRequired = "Product name, ROI ID, and sample name are required";
    public const string RestoreRequired = "Product name, ROI ID, and backup filename are required";
    public const string RenameRequired = "Product name and ROI mapping are required";
    public const string DownloadNotFound = "Golden sample file not found";
    private const string ImageField = "golden_image";

    public static IEndpointRouteBuilder MapGoldenSamplesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/golden-sample").WithTags("Golden samples");

        api.MapPost("/save", Save).WithName("SaveGoldenSample")
            .WithSummary("Upload a new best golden (multipart product_name, roi_id, golden_image); the old best is backed up");
        api.MapGet("/products", Products).WithName("GoldenProducts")
            .WithSummary("Products with golden samples: ROI ids, sample counts and sizes");
        api.MapGet("/{product}/{roiId}", List).WithName("ListGoldenSamples")
            .WithSummary("Golden samples of a ROI, best first (include_images=true adds base64 data)");
        api.MapGet("/{product}/{roiId}/metadata", Metadata).WithName("GoldenSampleMetadata")
            .WithSummary("Golden sample names, sizes and times of a ROI with totals");
        // Catch-all so that a name with (encoded) slashes reaches the filename check instead of missing the route.
        api.MapGet("/{product}/{roiId}/download/{*filename}", Download).WithName("DownloadGoldenSample")
            .WithSummary("One golden sample as a JPEG attachment");
        api.MapPost("/promote", Promote).WithName("PromoteGoldenSample")
            .WithSummary("Make a sample the best golden (renamed; the old best is backed up)");
        api.MapPost("/restore", Restore).WithName("RestoreGoldenSample")
            .WithSummary("Restore an original_*_old_best.jpg backup as the best golden");
        api.MapDelete("/delete", Delete).WithName("DeleteGoldenSample")
            .WithSummary("Delete one golden sample (never the only one)");
        api.MapPost("/rename-folders", RenameFolders).WithName("RenameGoldenFolders")
            .WithSummary("Rename roi_<old> golden folders to roi_<new> (swaps allowed)");
        return app;
    }

    private static async Task<IResult> Save(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        if (!JsonBodyReader.IsMultipart(request.ContentType))
        {
            throw request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType)
                ? new ApiException(StatusCodes.Status400BadRequest, SaveRequired)
                : JsonBodyReader.UnsupportedMediaType(request.ContentType);
        }

        var form = await MultipartFormReader.ReadAsync(request, ct);
        var productText = form["product_name"].FirstOrDefault();
        var roiText = form["roi_id"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(productText) || string.IsNullOrWhiteSpace(roiText))
        {
            throw Bad(SaveRequired);
        }

        var file = form.Files.GetFile(ImageField);
        if (file is null)
        {
            // A file input left empty arrives with filename="" and is read as a plain field, not as a file.
            throw Bad(form.ContainsKey(ImageField) ? NoImageSelected : NoImageFile);
        }

        if (string.IsNullOrEmpty(file.FileName))
        {
            throw Bad(NoImageSelected);
        }

        var roiId = BodyRoiId(roiText);
        var product = ExistingProduct(productText.Trim(), paths);
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }

        var result = Checked(await Folder(grains, product, roiId).SaveBestAsync(bytes));
        var backup = result.BackupName is null ? "" : $"Old golden sample backed up as '{result.BackupName}'";
        return LegacyResults.Json(WithModelExclusions(new JsonObject
        {
            ["message"] = $"Golden sample saved as '{GoldenFolder.BestName}' for ROI {roiId}" + (backup.Length > 0 ? ". " + backup : ""),
            ["backup_info"] = backup,
        }, result));
    }

    private static IResult Products(AoiPaths paths)
    {
        var products = new JsonArray();
        foreach (var summary in new GoldenLibraryCatalog(paths.ProductRoot).Products())
        {
            products.Add(new JsonObject
            {
                ["product_name"] = summary.ProductName,
                ["total_rois"] = summary.Rois.Count,
                ["total_samples"] = summary.TotalSamples,
                ["total_size"] = summary.TotalSize,
                ["rois"] = new JsonArray(summary.Rois.Select(i => (JsonNode?)i).ToArray()),
            });
        }

        return LegacyResults.Json(new JsonObject { ["products"] = products, ["total_products"] = products.Count });
    }

    private static async Task<IResult> List(string product, string roiId, [FromQuery(Name = "include_images")] string? includeImagesText,
        IGrainFactory grains, AoiPaths paths)
    {
        var (name, idx) = ExistingRoute(product, roiId, paths);
        var includeImages = includeImagesText?.Trim().ToLowerInvariant() is "true" or "1" or "yes";
        var samples = new JsonArray();
        foreach (var sample in await Folder(grains, name, idx).ListAsync(includeImages))
        {
            var json = SampleJson(sample);
            json["file_path"] = $"{paths.ClientPrefix}golden/{name}/golden_rois/roi_{idx}/{sample.Name}";
            if (includeImages && sample.ImageData is { } data)
            {
                json["image_data"] = "data:image/jpeg;base64," + Convert.ToBase64String(data);
            }

            samples.Add(json);
        }

        return LegacyResults.Json(new JsonObject { ["golden_samples"] = samples });
    }

    private static async Task<IResult> Metadata(string product, string roiId, IGrainFactory grains, AoiPaths paths)
    {
        var (name, idx) = ExistingRoute(product, roiId, paths);
        var samples = await Folder(grains, name, idx).ListAsync(includeImages: false);
        return LegacyResults.Json(new JsonObject
        {
            ["product_name"] = name,
            ["roi_id"] = idx,
            ["golden_samples"] = new JsonArray(samples.Select(s => (JsonNode?)SampleJson(s)).ToArray()),
            ["total_samples"] = samples.Length,
            ["total_size"] = samples.Sum(s => s.FileSize),
        });
    }

    private static async Task<IResult> Download(string product, string roiId, string? filename, IGrainFactory grains, AoiPaths paths)
    {
        // Traversal is refused before anything is looked up, so the answer never reveals what exists (spec 7.6).
        var decoded = Uri.UnescapeDataString(filename ?? "");
        if (!GoldenSampleNames.IsSafeFileName(decoded))
        {
            throw Bad(GoldenLibraryOperations.InvalidFilename);
        }

        var (name, idx) = ExistingRoute(product, roiId, paths);
        var bytes = await Folder(grains, name, idx).ReadSampleAsync(decoded)
            ?? throw new ApiException(StatusCodes.Status404NotFound, DownloadNotFound);
        return Results.File(bytes, "image/jpeg", decoded);
    }

    private static async Task<IResult> Promote(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        var (product, idx, sample) = await ReadSampleRequestAsync(request, "sample_name", PromoteRequired, paths, ct);
        var result = Checked(await Folder(grains, product, idx).PromoteAsync(sample));
        return LegacyResults.Json(WithModelExclusions(new JsonObject { ["message"] = $"'{sample}' promoted to best golden sample" }, result));
    }

    private static async Task<IResult> Restore(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        var (product, idx, backup) = await ReadSampleRequestAsync(request, "backup_filename", RestoreRequired, paths, ct);
        var result = Checked(await Folder(grains, product, idx).RestoreAsync(backup));
        return LegacyResults.Json(WithModelExclusions(new JsonObject
        {
            ["message"] = $"Successfully restored '{backup}' to best golden sample",
            ["restored_from"] = backup,
            ["backed_up_current"] = result.BackupName is null ? "" : $"Current best golden sample backed up as '{result.BackupName}'",
        }, result));
    }

    private static async Task<IResult> Delete(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        var (product, idx, sample) = await ReadSampleRequestAsync(request, "sample_name", PromoteRequired, paths, ct);
        var result = Checked(await Folder(grains, product, idx).DeleteAsync(sample));
        return LegacyResults.Json(WithModelExclusions(new JsonObject { ["message"] = $"Golden sample '{sample}' deleted successfully" }, result));
    }

    private static async Task<IResult> RenameFolders(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        var body = await JsonBodyReader.ReadObjectAsync(request, RenameRequired, ct);
        var productText = JsonFields.AsText(body["product_name"]);
        if (string.IsNullOrWhiteSpace(productText) || body["roi_mapping"] is null or JsonObject { Count: 0 })
        {
            throw Bad(RenameRequired);
        }

        var mapping = ParseMapping(body["roi_mapping"]!);
        var product = ExistingProduct(productText.Trim(), paths);
        var result = await grains.GetGrain<IGoldenProductGrain>(product).RenameFoldersAsync(mapping);
        if (result.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        return LegacyResults.Json(new JsonObject
        {
            ["message"] = result.RenamedCount > 0 ? $"Renamed {result.RenamedCount} golden sample folders" : "No golden samples to rename",
            ["renamed_count"] = result.RenamedCount,
        });
    }

    /// <summary>{"old":"new"} with integer ids ≥ 1 (numbers or numeric strings) and no two olds sharing a new one.</summary>
    private static Dictionary<int, int> ParseMapping(JsonNode node)
    {
        if (node is not JsonObject pairs)
        {
            throw Bad(GoldenProductGrain.InvalidMapping);
        }

        var mapping = new Dictionary<int, int>();
        foreach (var (key, value) in pairs)
        {
            if (JsonFields.ParseInt(key) is not (>= 1 and var from)
                || value is not JsonValue || value.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String)
                || JsonFields.AsInt(value) is not (>= 1 and var to)
                || !mapping.TryAdd(from, to))
            {
                throw Bad(GoldenProductGrain.InvalidMapping);
            }
        }

        if (mapping.Values.Distinct().Count() != mapping.Count)
        {
            throw Bad(GoldenProductGrain.InvalidMapping);
        }

        return mapping;
    }

    /// <summary>The JSON body of promote / restore / delete: {product_name, roi_id, &lt;name field&gt;}.</summary>
    private static async Task<(string Product, int Idx, string Name)> ReadSampleRequestAsync(
        HttpRequest request, string nameField, string requiredError, AoiPaths paths, CancellationToken ct)
    {
        var body = await JsonBodyReader.ReadObjectAsync(request, requiredError, ct);
        var productText = JsonFields.AsText(body["product_name"]);
        var roiText = JsonFields.AsText(body["roi_id"]);
        var name = JsonFields.AsText(body[nameField]);
        if (string.IsNullOrWhiteSpace(productText) || string.IsNullOrWhiteSpace(roiText) || string.IsNullOrEmpty(name))
        {
            throw Bad(requiredError);
        }

        var idx = BodyRoiId(roiText);
        return (ExistingProduct(productText.Trim(), paths), idx, name);
    }

    private static JsonObject SampleJson(GoldenSample sample) => new()
    {
        ["name"] = sample.Name,
        ["type"] = sample.IsBest ? "best_golden" : "alternative",
        ["is_best"] = sample.IsBest,
        // Legacy format: local server time without offset.
        ["created_time"] = DateTime.SpecifyKind(sample.CreatedUtc, DateTimeKind.Utc).ToLocalTime()
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["file_size"] = sample.FileSize,
    };

    /// <summary>Path parameters checked (400) and the product required to exist (404).</summary>
    internal static (string Product, int Idx) ExistingRoute(string product, string roiId, AoiPaths paths)
    {
        var name = RouteValues.Product(product);
        var idx = ParseRoiId(roiId);
        return (ExistingProduct(name, paths), idx);
    }

    /// <summary>An integer ≥ 1 (spec 7.0), else 400 "Invalid ROI ID".</summary>
    internal static int ParseRoiId(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx >= 1
            ? idx
            : throw Bad(InvalidRoiId);

    /// <summary>A body or form field roi_id: 3, 3.0 and "3" are all ROI 3; anything else is 400 "Invalid ROI ID".</summary>
    private static int BodyRoiId(string text) => JsonFields.ParseInt(text) is >= 1 and var idx ? idx : throw Bad(InvalidRoiId);

    private static string ExistingProduct(string name, AoiPaths paths)
    {
        RouteValues.Product(name);
        return paths.ProductExists(name)
            ? name
            : throw new ApiException(StatusCodes.Status404NotFound, $"Product not found: {name}");
    }

    internal static IGoldenLibraryGrain Folder(IGrainFactory grains, string product, int idx) =>
        grains.GetGrain<IGoldenLibraryGrain>(GrainGoldenPromoter.GrainKey(product, idx));

    /// <summary>The grain's refusal as the legacy error response.</summary>
    internal static GoldenChangeResult Checked(GoldenChangeResult result) =>
        result.Failure is { } failure ? throw failure.ToApiException() : result;

    private static ApiException Bad(string error) => new(StatusCodes.Status400BadRequest, error);

    /// <summary>
    /// Adds <c>model_exclusions</c> when the ROI's rebuilt compare model leaves goldens out (blurred, contradicting the
    /// library, unreadable): the change itself succeeded and the files are kept, but the engineer learns at once which
    /// goldens do not count and why.
    /// </summary>
    public static JsonObject WithModelExclusions(JsonObject response, GoldenChangeResult result)
    {
        if (result.ModelExclusions is { Length: > 0 } excluded)
        {
            response["model_exclusions"] = new JsonArray([.. excluded.Select(e => (JsonNode)new JsonObject { ["file"] = e.File, ["reason"] = e.Reason })]);
        }

        return response;
    }
}
