using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Aoi.Grains.Products;
using Aoi.Web.Http;
using Aoi.Web.Images;

namespace Aoi.Web.Apis;

/// <summary>Products and their ROI and colour configuration (spec 7.2).</summary>
public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Products");

        api.MapGet("/api/products", List).WithName("ListProducts").WithSummary("List products (folders with a ROI configuration)");
        api.MapPost("/api/products/create", Create).WithName("CreateProduct").WithSummary("Create a product from the template configuration");
        api.MapPost("/api/products/import", Import).WithName("ImportProduct").WithSummary("Import a legacy product folder from the shared root");
        api.MapGet("/get_roi_groups/{product}", RoiGroups).WithName("GetRoiGroups").WithSummary("Capture groups (focus, exposure) of the enabled ROIs");
        api.MapGet("/api/products/{product}/rois", GetRois).WithName("GetRois").WithSummary("Stored ROI configuration");
        api.MapPost("/api/products/{product}/rois", SaveRois).WithName("SaveRois").WithSummary("Validate and save the ROI configuration");
        api.MapGet("/api/products/{product}/colors", GetColors).WithName("GetColors").WithSummary("Product colour ranges");
        api.MapPost("/api/products/{product}/colors", SaveColors).WithName("SaveColors").WithSummary("Validate and save the product colour ranges");
        return app;
    }

    private static IResult List(ProductConfigStore store)
    {
        var products = new JsonArray();
        foreach (var name in store.ListProducts())
        {
            products.Add(new JsonObject
            {
                ["product_name"] = name,
                ["config_file"] = $"{name}/rois_config_{name}.json",
                ["description"] = $"Product configuration for {name}",
            });
        }

        return LegacyResults.Json(new JsonObject { ["products"] = products, ["count"] = products.Count });
    }

    private static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, AoiPaths paths, CancellationToken ct)
    {
        var body = await JsonBodyReader.ReadOptionalObjectAsync(request, ct) ?? [];
        var given = JsonFields.AsText(body["product_name"]);
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Product name is required");
        }

        var name = ProductNames.Clean(given);
        if (!ProductNames.IsValid(name))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, RouteValues.InvalidProductName);
        }

        var devicesNode = body["num_devices"] ?? body["device_count"];
        var devices = devicesNode is null ? 1 : JsonFields.AsInt(devicesNode);
        if (devices is not (>= 1 and <= 4))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "num_devices must be between 1 and 4");
        }

        if (paths.ProductExists(name))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Product already exists");
        }

        var result = await grains.GetGrain<IProductGrain>(name).CreateAsync(devices.Value, JsonFields.AsText(body["description"]));
        if (result.Failure is { } failure)
        {
            // Legacy: an existing product is a 400 here (import answers 409).
            throw failure.ToApiException(failure.Kind == FailureKind.AlreadyExists ? StatusCodes.Status400BadRequest : null);
        }

        return LegacyResults.Json(new JsonObject
        {
            ["message"] = $"Product {name} created successfully with {devices} device(s)",
            ["product_name"] = name,
            ["config_file"] = $"{name}/rois_config_{name}.json",
            ["num_devices"] = devices,
            ["total_rois"] = result.Count,
            ["success"] = true,
        });
    }

    private static async Task<IResult> Import(HttpRequest request, IGrainFactory grains, SharedPathResolver resolver, CancellationToken ct)
    {
        var body = await JsonBodyReader.ReadObjectAsync(request, "path field is required", ct);
        var given = JsonFields.AsText(body["path"]);
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "path field is required");
        }

        var folder = resolver.TryResolveSharedPath(given)
            ?? throw new ApiException(StatusCodes.Status400BadRequest, "Invalid path: outside shared folder");
        if (!Directory.Exists(folder))
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"Folder not found: {given}");
        }

        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        if (!ProductNames.IsValid(name))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, RouteValues.InvalidProductName);
        }

        var result = await grains.GetGrain<IProductGrain>(name).ImportAsync(folder);
        if (result.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        var json = new JsonObject
        {
            ["message"] = result.Message ?? $"Product {name} imported successfully",
            ["product_name"] = name,
            ["total_rois"] = result.Count,
            ["success"] = true,
        };

        // Teach time for every compare ROI: its model is built now (the goldens' grains in parallel), and goldens the
        // models leave out are reported with the reason; the import itself stands and the files are kept.
        var snapshot = (await grains.GetGrain<IProductGrain>(name).GetSnapshotAsync()).Snapshot;
        var compareRois = snapshot?.Rois.Where(r => r.Type == RoiDefinition.Compare && r.Enabled).ToList() ?? [];
        var rebuilt = await Task.WhenAll(compareRois.Select(async roi =>
            (roi.Idx, Excluded: await grains.GetGrain<IGoldenLibraryGrain>($"{name}/{roi.Idx}").RebuildModelAsync())));
        var exclusions = rebuilt.SelectMany(r => r.Excluded.Select(e => (JsonNode)new JsonObject
        {
            ["roi"] = r.Idx,
            ["file"] = e.File,
            ["reason"] = e.Reason,
        })).ToArray();
        if (exclusions.Length > 0)
        {
            json["model_exclusions"] = new JsonArray(exclusions);
        }

        return LegacyResults.Json(json);
    }

    private static async Task<IResult> RoiGroups(string product, IGrainFactory grains)
    {
        var name = RouteValues.Product(product);
        var snapshot = await grains.GetGrain<IProductGrain>(name).GetSnapshotAsync();
        if (snapshot.Snapshot is null && !snapshot.NotFound)
        {
            return LegacyResults.Error(StatusCodes.Status422UnprocessableEntity, "ROI configuration invalid", snapshot.ValidationErrors);
        }

        var groups = snapshot.Snapshot is { } s ? CaptureGroups.Build(s.Rois) : [];
        if (groups.Count == 0)
        {
            return LegacyResults.Error(StatusCodes.Status404NotFound, $"No ROIs found for product: {name}");
        }

        var json = new JsonObject();
        foreach (var group in groups)
        {
            json[group.Key] = new JsonObject
            {
                ["focus"] = group.Focus,
                ["exposure"] = group.Exposure,
                ["rois"] = new JsonArray(group.Rois.Select(r => (JsonNode?)GroupRoi(r)).ToArray()),
                ["count"] = group.Rois.Count,
            };
        }

        return LegacyResults.Json(new JsonObject
        {
            ["product_name"] = name,
            ["roi_groups"] = json,
            ["total_groups"] = groups.Count,
            ["total_rois"] = groups.Sum(g => g.Rois.Count),
        });
    }

    /// <summary>
    /// Deliberately without is_device_barcode (W treats a missing key as true when asking for typed barcodes) and
    /// without colour or text keys (spec 7.2).
    /// </summary>
    private static JsonObject GroupRoi(RoiDefinition r) => new()
    {
        ["idx"] = r.Idx,
        ["type"] = r.Type,
        ["coords"] = new JsonArray(r.Coords.ToArray().Select(v => (JsonNode?)v).ToArray()),
        ["focus"] = r.Focus,
        ["exposure"] = r.Exposure,
        ["ai_threshold"] = r.AiThreshold,
        ["feature_method"] = r.FeatureMethod,
        ["rotation"] = r.Rotation,
        ["device_location"] = r.DeviceLocation,
    };

    private static async Task<IResult> GetRois(string product, IGrainFactory grains)
    {
        var name = RouteValues.Product(product);
        var result = await grains.GetGrain<IProductGrain>(name).GetStoredRoisAsync();
        return result.Failure is { } failure
            ? throw failure.ToApiException()
            : LegacyResults.Json(new JsonObject { ["rois"] = result.Rois });
    }

    private static async Task<IResult> SaveRois(string product, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var name = RouteValues.Product(product);
        var body = await JsonBodyReader.ReadOptionalObjectAsync(request, ct);
        if (body is null || !body.TryGetPropertyValue("rois", out var rois))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "rois field is required");
        }

        if (rois is not JsonArray list)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "rois must be an array");
        }

        var result = await grains.GetGrain<IProductGrain>(name).SaveRoisAsync(list);
        if (result.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        var deleted = result.DeletedRoiIndices.Order().ToArray();
        var folders = deleted.Select(i => $"roi_{i}").ToArray();
        var message = $"Saved {result.SavedCount} ROIs successfully (all validated)";
        if (deleted.Length > 0)
        {
            message += $". Deleted {deleted.Length} golden ROI folder(s): {string.Join(", ", folders)}";
        }

        return LegacyResults.Json(new JsonObject
        {
            ["message"] = message,
            ["deleted_roi_folders"] = new JsonArray(folders.Select(f => (JsonNode?)f).ToArray()),
            ["deleted_roi_indices"] = new JsonArray(deleted.Select(i => (JsonNode?)i).ToArray()),
        });
    }

    private static async Task<IResult> GetColors(string product, IGrainFactory grains)
    {
        var name = RouteValues.Product(product);
        var result = await grains.GetGrain<IProductGrain>(name).GetColorsAsync();
        if (result.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        var json = new JsonObject { ["product_name"] = name, ["color_ranges"] = result.Ranges ?? [] };
        if (result.Message is not null)
        {
            json["message"] = result.Message;
        }

        return LegacyResults.Json(json);
    }

    private static async Task<IResult> SaveColors(string product, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var name = RouteValues.Product(product);
        var body = await JsonBodyReader.ReadOptionalObjectAsync(request, ct);
        if (body is null || !body.TryGetPropertyValue("color_ranges", out var ranges) || ranges is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "color_ranges field is required");
        }

        if (ranges is not JsonArray list)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "color_ranges must be an array");
        }

        var result = await grains.GetGrain<IProductGrain>(name).SaveColorsAsync(list);
        if (result.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        return LegacyResults.Json(new JsonObject
        {
            ["message"] = $"Saved {list.Count} color ranges successfully",
            ["color_ranges_count"] = list.Count,
        });
    }
}
