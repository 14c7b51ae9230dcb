using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>Rejects unusable CFX settings at start, naming the offending key; nothing is checked while CFX is off.</summary>
public sealed class CfxOptionsValidator : IValidateOptions<CfxOptions>
{
    public ValidateOptionsResult Validate(string? name, CfxOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var key = CfxOptions.SectionName;
        var failures = new List<string>();
        if (!IsBrokerUrl(options.Broker!))
        {
            failures.Add($"{key}:Broker must be an amqp:// or amqps:// URL with a host, e.g. amqp://user:password@host:5672 (got '{Redacted(options.Broker!)}').");
        }

        if (string.IsNullOrWhiteSpace(options.Address))
        {
            failures.Add($"{key}:Address is required when {key}:Broker is set (the AMQP target, e.g. /queue/aoi-cfx).");
        }

        if (string.IsNullOrWhiteSpace(options.Handle))
        {
            failures.Add($"{key}:Handle is required when {key}:Broker is set (this endpoint's CFX handle, e.g. acme.line1.aoi1).");
        }

        if (options.HeartbeatSeconds is < 1 or > 300)
        {
            failures.Add($"{key}:HeartbeatSeconds must be between 1 and 300 (CFX: at least one heartbeat every 5 minutes; got {options.HeartbeatSeconds}).");
        }

        if (options.OutboxCapacity is < 3 or > 10_000_000)
        {
            failures.Add($"{key}:OutboxCapacity must be between 3 and 10000000 (got {options.OutboxCapacity}).");
        }

        if (options.SendTimeoutSeconds is < 1 or > 3_600)
        {
            failures.Add($"{key}:SendTimeoutSeconds must be between 1 and 3600 (got {options.SendTimeoutSeconds}).");
        }

        if (options.RetryDelayMs is < 1 or > 60_000)
        {
            failures.Add($"{key}:RetryDelayMs must be between 1 and 60000 (got {options.RetryDelayMs}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsBrokerUrl(string broker) =>
        Uri.TryCreate(broker.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == "amqp" || uri.Scheme == "amqps")
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The URL without its password, for messages and logs.</summary>
    public static string Redacted(string broker) =>
        Uri.TryCreate(broker.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':')
            ? broker.Replace(uri.UserInfo, uri.UserInfo[..uri.UserInfo.IndexOf(':')] + ":***", StringComparison.Ordinal)
            : broker;
}
