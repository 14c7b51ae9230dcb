namespace Aoi.Web.Schema;

/// <summary>The one place the schema versions live, so /api/schema/roi, /result and /version cannot disagree.</summary>
public static class SchemaVersions
{
    public const string Roi = "3.3";
    public const string Result = "2.1";
    public const string Api = "1.0";
    public const string Server = "1.0.0";
    public const string Updated = "2026-03-30";
}
