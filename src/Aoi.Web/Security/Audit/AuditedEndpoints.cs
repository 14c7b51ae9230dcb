namespace Aoi.Web.Security.Audit;

/// <summary>The endpoints whose successful calls are written to the audit log, with what each one changes.</summary>
public static class AuditedEndpoints
{
    private static readonly Dictionary<string, AuditScope> Scopes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/products/create"] = AuditScope.ProductConfig,
        ["POST /api/products/import"] = AuditScope.ProductConfig,
        ["POST /api/products/{product}/rois"] = AuditScope.ProductConfig,
        ["POST /api/products/{product}/colors"] = AuditScope.ColorConfig,
        ["POST /api/golden-sample/save"] = AuditScope.GoldenFolder,
        ["POST /api/golden-sample/promote"] = AuditScope.GoldenFolder,
        ["POST /api/golden-sample/restore"] = AuditScope.GoldenFolder,
        ["DELETE /api/golden-sample/delete"] = AuditScope.GoldenFolder,
        ["POST /api/golden-sample/rename-folders"] = AuditScope.GoldenLibrary,
        ["POST /api/products/{product}/golden/{roiId}"] = AuditScope.LegacyGolden,
        ["DELETE /api/products/{product}/golden/{roiId}"] = AuditScope.LegacyGolden,
    };

    public static AuditScope? ScopeOf(string method, string pattern) =>
        Scopes.TryGetValue($"{method.ToUpperInvariant()} /{pattern.Trim().TrimStart('/')}", out var scope) ? scope : null;
}
