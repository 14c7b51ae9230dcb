namespace Aoi.Web.SystemInfo;

/// <summary>When this front end started; <c>uptime</c> of /api/status counts from here (spec 7.1).</summary>
public sealed class ServerClock(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public double UptimeSeconds => (time.GetUtcNow() - StartedAt).TotalSeconds;
}
