namespace Aoi.Web.Security;

/// <summary>Caller roles, each including the rights of the ones below it.</summary>
public enum AoiRole
{
    /// <summary>Line stations: sessions, inspections, reads.</summary>
    Operator = 1,

    /// <summary>+ products, ROI and colour configurations, golden samples, imports, evaluations.</summary>
    Engineer = 2,

    /// <summary>Everything, including dashboards, metrics and the audit log.</summary>
    Admin = 3,
}

/// <summary>Role names as written in configuration and in the 403 text.</summary>
public static class AoiRoles
{
    public static string Name(AoiRole role) => role switch
    {
        AoiRole.Operator => "operator",
        AoiRole.Engineer => "engineer",
        _ => "admin",
    };

    public static bool TryParse(string? text, out AoiRole role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            "operator" => AoiRole.Operator,
            "engineer" => AoiRole.Engineer,
            "admin" => AoiRole.Admin,
            _ => 0,
        };
        return role != 0;
    }
}
