using System.Globalization;
using Aoi.Grains.History;
using Aoi.Web.Http;

namespace Aoi.Web.Apis;

/// <summary>Query-string parameters of the history endpoints; a bad value is a 400 naming the parameter.</summary>
public static class HistoryQueryParser
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static InspectionQuery Inspections(IQueryCollection query) => new(
        Text(query, "barcode"),
        Product(query),
        Text(query, "station"),
        Verdict(query),
        Time(query, "from"),
        Time(query, "to"),
        Int(query, "page", 1, 1, int.MaxValue),
        Int(query, "page_size", DefaultPageSize, 1, MaxPageSize));

    /// <summary>"json" (default) or "csv".</summary>
    public static bool WantsCsv(IQueryCollection query) => Text(query, "format")?.ToLowerInvariant() switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw Bad("Invalid format: expected json or csv"),
    };

    public static string? Product(IQueryCollection query) =>
        Text(query, "product") is { } product ? RouteValues.Product(product) : null;

    /// <summary>
    /// ISO 8601 date or date-time; a date alone or a time without offset is server-local (the factory's clock), and
    /// a bare date in "to" means the end of that day, so from=2025-03-04&amp;to=2025-03-04 is that whole day.
    /// </summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local);
            return new DateTimeOffset(name == "to" ? local.AddDays(1) : local);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)
            ? time
            : throw Bad($"Invalid {name}: expected an ISO 8601 date or date-time");
    }

    public static int Int(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Bad(max == int.MaxValue
                ? $"Invalid {name}: expected an integer >= {min}"
                : $"Invalid {name}: expected an integer {min}..{max}");
    }

    private static bool? Verdict(IQueryCollection query) => Text(query, "verdict")?.ToLowerInvariant() switch
    {
        null => null,
        "pass" => true,
        "fail" => false,
        _ => throw Bad("Invalid verdict: expected pass or fail"),
    };

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString().Trim() is { Length: > 0 } text ? text : null;

    private static ApiException Bad(string error) => new(StatusCodes.Status400BadRequest, error);
}
