namespace Aoi.Tests.History;

/// <summary>A clock the test sets: purges and expiries are checked by moving it, never by sleeping.</summary>
public sealed class MovableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
