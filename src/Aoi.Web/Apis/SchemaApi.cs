using System.Text.Json.Nodes;
using Aoi.Web.Http;
using Aoi.Web.Schema;

namespace Aoi.Web.Apis;

/// <summary>Machine-readable descriptions of the ROI model and the results (spec 7.3).</summary>
public static class SchemaApi
{
    public static IEndpointRouteBuilder MapSchemaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/schema").WithTags("Schema");

        api.MapGet("/roi", () => LegacyResults.Json(RoiSchemaDocument.Build())).WithName("RoiSchema").WithSummary("ROI configuration schema (section 2)");
        api.MapGet("/result", () => LegacyResults.Json(ResultSchemaDocument.Build())).WithName("ResultSchema").WithSummary("Inspection result schema (section 6)");
        api.MapGet("/version", Version).WithName("SchemaVersion").WithSummary("Schema and API versions");
        return app;
    }

    private static IResult Version() => LegacyResults.Json(new JsonObject
    {
        ["roi_structure"] = new JsonObject { ["version"] = SchemaVersions.Roi, ["format"] = "object" },
        ["result_structure"] = new JsonObject { ["version"] = SchemaVersions.Result },
        ["server_version"] = SchemaVersions.Server,
        ["api_version"] = SchemaVersions.Api,
        ["updated"] = SchemaVersions.Updated,
        ["endpoints"] = new JsonArray("/api/schema/roi", "/api/schema/result", "/api/schema/version"),
    });
}
