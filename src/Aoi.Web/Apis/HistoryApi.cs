using Aoi.Grains.History;
using Aoi.Grains.Review;
using Aoi.Web.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Apis;

/// <summary>
/// Traceability and insight: the inspection history (list, detail, CSV), its kept pictures (read-only), yield and
/// SPC, and the history pages under /history/.
/// </summary>
public static class HistoryApi
{
    public const int CsvMaxRows = 100_000;
    public const string InvalidRoiId = "Invalid ROI ID";
    public const string InspectionNotFound = "Inspection not found";

    /// <summary>Same text as the shared files (spec 7.7), so only the router ever answers "Not found".</summary>
    public const string FileNotFound = "File not found";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("History");
        api.MapGet("/api/inspections", List).WithName("ListInspections")
            .WithSummary("Inspection history, newest first; filters barcode, product, station, verdict, from, to; format=csv");
        api.MapGet("/api/inspections/{id}", Detail).WithName("GetInspection").WithSummary("One inspection with ROI results and image URLs");
        api.MapMethods(HistoryJson.ImageRoute + "/{**path}", ["GET", "HEAD"], Image).WithName("GetHistoryImage")
            .WithSummary("A kept inspection picture (read-only)");
        api.MapGet("/api/yield", Yield).WithName("GetYield").WithSummary("Pass rates per product, day and ROI; top failing ROIs");
        api.MapGet("/api/spc/{product}/{roi}", Spc).WithName("GetSpc")
            .WithSummary("Similarity control chart of a compare ROI: mean ± 3σ of a reference window, drift flags");
        api.MapGet("/history", () => Results.Redirect("/history/index.html")).ExcludeFromDescription();
        api.MapGet("/history/{file}", Page).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> List(HttpRequest request, IHistoryStore store, CancellationToken ct)
    {
        var query = HistoryQueryParser.Inspections(request.Query);
        if (HistoryQueryParser.WantsCsv(request.Query))
        {
            // Every matching inspection (up to CsvMaxRows), not one page: the export is for spreadsheets.
            var all = await store.QueryAsync(query with { Page = 1, PageSize = CsvMaxRows }, ct);
            return Results.Text(HistoryCsv.Write(all.Items), "text/csv; charset=utf-8");
        }

        var page = await store.QueryAsync(query, ct);
        return LegacyResults.Json(HistoryJson.Page(page));
    }

    private static async Task<IResult> Detail(string id, IHistoryStore store, IReviewStore reviews, HistoryImageKeeper images, CancellationToken ct)
    {
        var record = await store.GetAsync(id.Trim(), ct);
        if (record is null)
        {
            return LegacyResults.Error(StatusCodes.Status404NotFound, InspectionNotFound);
        }

        return LegacyResults.Json(HistoryJson.Detail(record, Frames(record, images), await reviews.ForInspectionAsync(record.Id, ct)));
    }

    private static IResult Image(string? path, HistoryImageKeeper images, HttpContext context)
    {
        var root = Path.GetFullPath(images.Root) + Path.DirectorySeparatorChar;
        var relative = (path ?? "").Replace('\\', '/');
        var file = Path.GetFullPath(Path.Combine(root, relative));
        if (relative.Length == 0 || !file.StartsWith(root, StringComparison.Ordinal))
        {
            return LegacyResults.Error(StatusCodes.Status400BadRequest, "Invalid path");
        }

        if (!File.Exists(file))
        {
            return LegacyResults.Error(StatusCodes.Status404NotFound, FileNotFound);
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        // Kept pictures never change under their name (a new inspection gets a new folder): cacheable.
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return Results.File(file, contentType);
    }

    private static async Task<IResult> Yield(HttpRequest request, IHistoryStore store, CancellationToken ct)
    {
        var product = HistoryQueryParser.Product(request.Query);
        var from = HistoryQueryParser.Time(request.Query, "from");
        var to = HistoryQueryParser.Time(request.Query, "to");
        var top = HistoryQueryParser.Int(request.Query, "top", YieldCalculator.DefaultTopFailing, 1, 1000);
        var counts = await store.YieldCountsAsync(product, from, to, ct);
        return LegacyResults.Json(HistoryJson.Yield(YieldCalculator.Compute(counts, top), from, to));
    }

    private static async Task<IResult> Spc(
        string product, string roi, HttpRequest request, IHistoryStore store, IOptions<HistoryOptions> options, CancellationToken ct)
    {
        RouteValues.Product(product);
        if (!int.TryParse(roi, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var roiId) || roiId < 1)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, InvalidRoiId);
        }

        var q = request.Query;
        var from = HistoryQueryParser.Time(q, "from");
        var to = HistoryQueryParser.Time(q, "to");
        var referencePoints = HistoryQueryParser.Int(q, "reference_points", options.Value.SpcReferencePoints, 2, 100_000);
        var runLength = HistoryQueryParser.Int(q, "run_length", SpcCalculator.DefaultRunLength, 2, 1000);
        var referenceFrom = HistoryQueryParser.Time(q, "reference_from");
        var referenceTo = HistoryQueryParser.Time(q, "reference_to");

        var samples = await store.CompareSeriesAsync(product, roiId, from, to, ct);
        SpcAnalysis analysis;
        if (referenceFrom is not null || referenceTo is not null)
        {
            var reference = await store.CompareSeriesAsync(product, roiId, referenceFrom, referenceTo, ct);
            analysis = SpcCalculator.Analyse(samples, reference.Select(s => s.Value).ToList(), runLength);
        }
        else
        {
            analysis = SpcCalculator.Analyse(samples, referencePoints, runLength);
        }

        return LegacyResults.Json(HistoryJson.Spc(product, roiId, analysis));
    }

    private static IResult Page(string file, IWebHostEnvironment environment)
    {
        var page = environment.WebRootFileProvider.GetFileInfo($"history/{file}");
        if (!page.Exists || page.IsDirectory || page.PhysicalPath is null)
        {
            return LegacyResults.Error(StatusCodes.Status404NotFound, FileNotFound);
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        return Results.File(page.PhysicalPath, contentType);
    }

    internal static IReadOnlyList<string> Frames(InspectionRecord record, HistoryImageKeeper images)
    {
        if (record.ImageFolder is null)
        {
            return [];
        }

        var folder = images.FolderOf(record.ImageFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "frame_*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
