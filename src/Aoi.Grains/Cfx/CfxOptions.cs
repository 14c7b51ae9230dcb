namespace Aoi.Grains.Cfx;

/// <summary>
/// The IPC-CFX endpoint, bound from "Aoi:Cfx": off until a broker is set. Messages wait in a bounded outbox in the
/// cluster database and are sent in order whenever the broker is reachable.
/// </summary>
public sealed class CfxOptions
{
    public const string SectionName = "Aoi:Cfx";
    public const int DEFAULT_HEARTBEAT_SECONDS = 300;
    public const int DEFAULT_OUTBOX_CAPACITY = 10_000;
    public const int DEFAULT_SEND_TIMEOUT_SECONDS = 30;
    public const int DEFAULT_RETRY_DELAY_MS = 1_000;

    /// <summary>AMQP 1.0 broker, <c>amqp://user:password@host:5672</c> (or <c>amqps://</c>); none = CFX off.</summary>
    public string? Broker { get; set; }

    /// <summary>AMQP target address the messages go to, e.g. <c>/queue/aoi-cfx</c> or an exchange address.</summary>
    public string? Address { get; set; }

    /// <summary>This endpoint's CFX handle (the envelopes' Source), e.g. <c>acme.line1.aoi1</c>.</summary>
    public string? Handle { get; set; }

    /// <summary>Seconds between CFX.Heartbeat messages while the broker is reachable (CFX: at most 300).</summary>
    public int HeartbeatSeconds { get; set; } = DEFAULT_HEARTBEAT_SECONDS;

    /// <summary>Messages the outbox keeps while the broker is away; an inspection's messages past it are dropped and counted.</summary>
    public int OutboxCapacity { get; set; } = DEFAULT_OUTBOX_CAPACITY;

    /// <summary>Budget of one connection attempt and of one message's acknowledgement by the broker.</summary>
    public int SendTimeoutSeconds { get; set; } = DEFAULT_SEND_TIMEOUT_SECONDS;

    /// <summary>First wait before reconnecting after a failure; doubled per failure up to a minute.</summary>
    public int RetryDelayMs { get; set; } = DEFAULT_RETRY_DELAY_MS;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Broker);

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatSeconds);

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);
}
