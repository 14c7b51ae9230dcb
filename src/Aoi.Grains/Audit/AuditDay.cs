using System.Globalization;

namespace Aoi.Grains.Audit;

/// <summary>Keys of the per-day audit grains: the UTC date, so a key never depends on the server's time zone or DST.</summary>
public static class AuditDay
{
    public static string Key(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Day keys covering [from, to], oldest first.</summary>
    public static IEnumerable<string> Keys(DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = from.UtcDateTime.Date; day <= to.UtcDateTime.Date; day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
