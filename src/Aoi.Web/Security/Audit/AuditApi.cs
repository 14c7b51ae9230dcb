using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aoi.Grains.Audit;
using Aoi.Web.Http;
using Aoi.Web.Legacy;
using Microsoft.AspNetCore.Mvc;

namespace Aoi.Web.Security.Audit;

/// <summary>GET /api/audit?from&amp;to (admin): audit entries in a time range, newest first.</summary>
public static class AuditApi
{
    public const int MaxDays = 366;
    public const int DefaultDays = 7;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List).WithTags("Audit").WithName("AuditLog")
            .WithSummary("Changes to products, ROI/colour configurations and golden samples (admin); from/to = yyyy-MM-dd or ISO 8601");
        return app;
    }

    private static async Task<IResult> List([FromQuery(Name = "from")] string? fromText, [FromQuery(Name = "to")] string? toText,
        IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetLocalNow();
        var to = Parse(toText, "to", endOfDay: true) ?? now;
        var from = Parse(fromText, "from", endOfDay: false) ?? to.AddDays(-DefaultDays);
        if (from > to)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "from must not be after to");
        }

        if (to - from > TimeSpan.FromDays(MaxDays))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"Audit range too long: at most {MaxDays} days");
        }

        var days = await Task.WhenAll(AuditDay.Keys(from, to).Select(key => grains.GetGrain<IAuditLogGrain>(key).ListAsync()));
        var entries = days
            .SelectMany(day => day.Select((entry, order) => (entry, order)))
            .Where(e => e.entry.Time >= from && e.entry.Time <= to)
            .OrderByDescending(e => e.entry.Time).ThenByDescending(e => e.order)
            .Select(e => (JsonNode?)Json(e.entry))
            .ToArray();
        return LegacyResults.Json(new JsonObject
        {
            ["from"] = WireTime.Iso(from),
            ["to"] = WireTime.Iso(to),
            ["count"] = entries.Length,
            ["entries"] = new JsonArray(entries),
        });
    }

    private static JsonObject Json(AuditEntry entry) => new()
    {
        ["time"] = WireTime.Iso(entry.Time),
        ["who"] = entry.Who,
        ["role"] = entry.Role,
        ["action"] = entry.Action,
        ["product_name"] = entry.ProductName,
        ["roi_id"] = entry.RoiId,
        ["status"] = entry.Status,
        ["before"] = State(entry.Before),
        ["after"] = State(entry.After),
    };

    /// <summary>Recorded JSON (configurations, file lists) is returned as JSON; anything else as text.</summary>
    private static JsonNode? State(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>A date (local day: its start, or with <paramref name="endOfDay"/> its end) or a date-time; null when absent.</summary>
    private static DateTimeOffset? Parse(string? text, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local);
            return new DateTimeOffset(endOfDay ? start.AddDays(1).AddTicks(-1) : start);
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var instant))
        {
            return instant;
        }

        throw new ApiException(StatusCodes.Status400BadRequest, $"Invalid {name}: expected yyyy-MM-dd or an ISO 8601 date-time");
    }
}
