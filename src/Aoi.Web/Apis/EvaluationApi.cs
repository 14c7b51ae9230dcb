using System.Text.Json.Nodes;
using Aoi.Grains.Options;
using Aoi.Web.Http;

namespace Aoi.Web.Apis;

/// <summary>
/// Accuracy harness as a product feature (spec 3.6): evaluates a product's golden library before go-live. Runs on a
/// silo through the library-health stateless worker; typically a few seconds per compare ROI on two cores.
/// </summary>
public static class EvaluationApi
{
    public const string InvalidMethod = "method must be one of: configured, baseline, classical";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("").WithTags("Products")
            .MapPost("/api/products/{product}/evaluate", Evaluate)
            .WithName("EvaluateProduct")
            .WithSummary("Accuracy of the product's golden library: genuine/defect scores, escapes, false calls, suspect goldens");
        return app;
    }

    private static async Task<IResult> Evaluate(
        string product, HttpRequest request, IGrainFactory grains, AoiPaths paths, ILoggerFactory loggers, CancellationToken ct)
    {
        var name = RouteValues.Product(product);
        var body = await JsonBodyReader.ReadOptionalObjectAsync(request, ct);
        var method = EvaluationMethod.Configured;
        if (body?["method"] is { } given)
        {
            method = given is JsonValue value && value.TryGetValue<string>(out var text) && EvaluationMethod.All.Contains(text.Trim())
                ? text.Trim()
                : throw new ApiException(StatusCodes.Status400BadRequest, InvalidMethod);
        }

        if (!paths.ProductExists(name))
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"Product not found: {name}");
        }

        var logger = loggers.CreateLogger(typeof(EvaluationApi));
        var outcome = await grains.GetGrain<ILibraryHealthGrain>(0).EvaluateAsync(name, method);
        if (outcome.Failure is { } failure)
        {
            throw failure.ToApiException();
        }

        var report = Json(outcome.Evaluation!);
        report["confirmed"] = await ConfirmedAsync(grains, name, logger);
        return LegacyResults.Json(report);
    }

    /// <summary>What the review station confirmed, judged against the current libraries; an error text instead of failing the report.</summary>
    private static async Task<JsonObject> ConfirmedAsync(IGrainFactory grains, string product, ILogger logger)
    {
        try
        {
            return ReviewJson.Confirmed(await grains.GetGrain<IConfirmedSamplesGrain>(0).EvaluateAsync(product));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Confirmed samples of {Product} could not be evaluated", product);
            return new JsonObject { ["error"] = $"confirmed samples could not be evaluated: {ex.Message}" };
        }
    }

    /// <summary>Snake-case JSON of an evaluation; rates are fractions 0..1, times milliseconds.</summary>
    private static JsonObject Json(ProductEvaluation e) => new()
    {
        ["product_name"] = e.ProductName,
        ["method"] = e.Method,
        ["rois"] = new JsonArray(e.Rois.Select(r => (JsonNode?)Roi(r)).ToArray()),
        ["totals"] = new JsonObject
        {
            ["rois"] = e.Totals.Rois,
            ["genuine_count"] = e.Totals.GenuineCount,
            ["genuine_pass_rate"] = e.Totals.GenuinePassRate,
            ["unseen_count"] = e.Totals.UnseenCount,
            ["unseen_pass_rate"] = e.Totals.UnseenPassRate,
            ["defect_count"] = e.Totals.DefectCount,
            ["escapes"] = e.Totals.Escapes,
            ["escape_rate"] = e.Totals.EscapeRate,
            ["false_calls"] = e.Totals.FalseCalls,
            ["suspect_goldens"] = e.Totals.SuspectGoldens,
            ["failed_rois"] = e.Totals.FailedRois,
            ["elapsed_ms"] = Math.Round(e.Totals.ElapsedMs, 1),
        },
    };

    private static JsonObject Roi(RoiAccuracy r)
    {
        var defects = new JsonObject();
        foreach (var d in r.Defects)
        {
            var entry = new JsonObject { ["max"] = d.Max, ["escapes"] = d.Escapes, ["count"] = d.Count };
            if (d.Note is not null)
            {
                entry["note"] = d.Note;
            }

            defects[d.Kind] = entry;
        }

        return new JsonObject
        {
            ["roi_id"] = r.RoiId,
            ["threshold"] = r.Threshold,
            ["method_name"] = r.MethodName,
            ["genuine"] = Summary(r.Genuine, withMean: true),
            ["unseen"] = Summary(r.Unseen, withMean: false),
            ["held_out"] = r.HeldOut is { } heldOut ? Summary(heldOut, withMean: false) : null,
            ["suspects"] = r.Suspects is { } suspects ? Summary(suspects, withMean: false) : null,
            ["defects"] = defects,
            ["escapes"] = Verdicts(r.Escapes),
            ["false_calls"] = Verdicts(r.FalseCalls),
            ["margin"] = r.Margin,
            ["suggested_threshold"] = r.SuggestedThreshold,
            ["note"] = r.Note,
            ["suspect_goldens"] = new JsonArray(r.SuspectGoldens.Select(s => (JsonNode?)new JsonObject
            {
                ["file"] = s.File,
                ["reasons"] = new JsonArray(s.Reasons.Select(x => (JsonNode?)x).ToArray()),
            }).ToArray()),
            ["model_exclusions"] = new JsonArray((r.ModelExclusions ?? []).Select(e => (JsonNode?)new JsonObject
            {
                ["file"] = e.File,
                ["reason"] = e.Reason,
            }).ToArray()),
            ["taught_count"] = r.TaughtCount,
            ["time_ms_per_score"] = Math.Round(r.TimeMsPerScore, 2),
            ["time_ms_per_model_build"] = Math.Round(r.TimeMsPerBuild, 1),
            ["time_ms_total"] = Math.Round(r.TimeMsTotal, 1),
            ["error"] = r.Error,
        };
    }

    private static JsonObject Summary(ScoreSummary s, bool withMean)
    {
        var json = new JsonObject { ["min"] = s.Min };
        if (withMean)
        {
            json["mean"] = s.Mean;
        }

        json["pass_rate"] = s.PassRate;
        json["count"] = s.Count;
        return json;
    }

    private static JsonArray Verdicts(VariantVerdict[] verdicts) =>
        new(verdicts.Select(v => (JsonNode?)new JsonObject
        {
            ["variant"] = v.Variant,
            ["score"] = v.Score,
            ["golden"] = v.Golden,
        }).ToArray());
}
