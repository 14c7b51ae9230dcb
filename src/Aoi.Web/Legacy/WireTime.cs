using System.Globalization;

namespace Aoi.Web.Legacy;

/// <summary>Date-time texts of the contract (spec 1.3): ISO 8601 local time with UTC offset, milliseconds.</summary>
public static class WireTime
{
    public static string Iso(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Seconds since the Unix epoch as a float (grouped <c>timestamp</c>, health).</summary>
    public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
