namespace Aoi.Web.Security;

/// <summary>
/// The minimum role of every endpoint (docs/security.md). Reads and the station workflow (sessions, inspections,
/// initialize) are operator; recipe and golden changes, imports and evaluations engineer; audit, metrics and
/// dashboards admin. Fail closed: a changing endpoint not listed here needs admin until it is classified.
/// </summary>
public static class EndpointAccessPolicy
{
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase)
    {
        // Monitoring probes carry no credentials.
        "GET /health", "GET /api/health", "HEAD /health", "HEAD /api/health",
    };

    private static readonly Dictionary<string, AoiRole> Changes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/session/create"] = AoiRole.Operator,
        ["POST /api/session/{id}/close"] = AoiRole.Operator,
        ["DELETE /api/session/{id}"] = AoiRole.Operator,
        ["POST /api/session/{id}/inspect"] = AoiRole.Operator,
        ["POST /process_grouped_inspection"] = AoiRole.Operator,
        ["POST /api/session/{id}/grouped_inspect"] = AoiRole.Operator,
        ["POST /api/session/{id}/inspections"] = AoiRole.Operator,
        ["POST /api/initialize"] = AoiRole.Operator,
        // Operators give verdicts; learning a golden checks the engineer role inside (403 from the review service).
        ["POST /api/review/{inspectionId}/rois/{roiId}"] = AoiRole.Operator,
        ["POST /api/products/create"] = AoiRole.Engineer,
        ["POST /api/products/import"] = AoiRole.Engineer,
        ["POST /api/products/{product}/rois"] = AoiRole.Engineer,
        ["POST /api/products/{product}/colors"] = AoiRole.Engineer,
        ["POST /api/products/{product}/evaluate"] = AoiRole.Engineer,
        ["POST /api/golden-sample/save"] = AoiRole.Engineer,
        ["POST /api/golden-sample/promote"] = AoiRole.Engineer,
        ["POST /api/golden-sample/restore"] = AoiRole.Engineer,
        ["DELETE /api/golden-sample/delete"] = AoiRole.Engineer,
        ["POST /api/golden-sample/rename-folders"] = AoiRole.Engineer,
        ["POST /api/products/{product}/golden/{roiId}"] = AoiRole.Engineer,
        ["DELETE /api/products/{product}/golden/{roiId}"] = AoiRole.Engineer,
    };

    /// <summary>The minimum role for <paramref name="method"/> on the route <paramref name="pattern"/>; null = open.</summary>
    public static AoiRole? RequiredRole(string method, string pattern)
    {
        var path = "/" + pattern.Trim().TrimStart('/');
        var key = $"{method.ToUpperInvariant()} {path}";
        if (Open.Contains(key))
        {
            return null;
        }

        if (IsAdminArea(path))
        {
            return AoiRole.Admin;
        }

        if (Changes.TryGetValue(key, out var role))
        {
            return role;
        }

        if (path.StartsWith("/api/evaluat", StringComparison.OrdinalIgnoreCase))
        {
            return AoiRole.Engineer;
        }

        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? AoiRole.Operator : AoiRole.Admin;
    }

    private static bool IsAdminArea(string path) =>
        path.StartsWith("/api/audit", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/metrics", StringComparison.OrdinalIgnoreCase)
        || path.Contains("dashboard", StringComparison.OrdinalIgnoreCase);
}
