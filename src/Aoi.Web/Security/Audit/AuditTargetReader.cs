using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Products;
using Aoi.Web.Http;

namespace Aoi.Web.Security.Audit;

/// <summary>
/// Finds the product and ROI of a change before the endpoint runs: from the route, or from the body (JSON read with
/// buffering and rewound; multipart read through the form feature, which the endpoint then gets from its cache).
/// Reading never decides the answer: a body this cannot parse is left for the endpoint to refuse.
/// </summary>
public static class AuditTargetReader
{
    private const long MaxJsonBytes = 8 * 1024 * 1024;

    public static async Task<AuditTarget> ReadAsync(HttpContext context, string pattern, CancellationToken ct)
    {
        var request = context.Request;
        var routeProduct = request.RouteValues["product"] as string;
        var routeRoi = request.RouteValues["roiId"] as string;
        if (routeProduct is not null)
        {
            return new AuditTarget(Valid(routeProduct), RoiId(routeRoi));
        }

        if (JsonBodyReader.IsMultipart(request.ContentType))
        {
            var form = await MultipartFormReader.ReadAsync(request, ct);
            return new AuditTarget(Valid(form["product_name"].FirstOrDefault()?.Trim()), RoiId(form["roi_id"].FirstOrDefault()));
        }

        var body = await ReadJsonAsync(request, ct);
        if (body is null)
        {
            return new AuditTarget(null, null);
        }

        if (pattern.EndsWith("/create", StringComparison.Ordinal))
        {
            return new AuditTarget(Valid(ProductNames.Clean(JsonFields.AsText(body["product_name"]) ?? "")), null);
        }

        if (pattern.EndsWith("/import", StringComparison.Ordinal))
        {
            var path = JsonFields.AsText(body["path"])?.Trim().TrimEnd('/', '\\') ?? "";
            return new AuditTarget(Valid(path[(path.LastIndexOfAny(['/', '\\']) + 1)..]), null);
        }

        return new AuditTarget(Valid(JsonFields.AsText(body["product_name"])?.Trim()), RoiId(JsonFields.AsText(body["roi_id"])));
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!JsonBodyReader.IsJson(request.ContentType) || request.ContentLength is 0 or > MaxJsonBytes)
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            return JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? Valid(string? product) => ProductNames.IsValid(product) ? product : null;

    private static int? RoiId(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && value >= 1 && value <= int.MaxValue && Math.Floor(value) == value
            ? (int)value
            : null;
}
