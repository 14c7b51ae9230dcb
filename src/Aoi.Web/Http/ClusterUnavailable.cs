using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Aoi.Web.Http;

/// <summary>
/// Orleans' transient failures — a silo gone or not yet declared dead, a message it rejected, a call that timed out
/// or outlived the front end's deadline — answered as 503 with <c>Retry-After</c> on every endpoint: the request may
/// succeed on a survivor a few seconds later, so it is neither a client error nor a 500.
/// </summary>
public static class ClusterUnavailable
{
    public const string InspectionError = "inspection interrupted: silo lost, retry";
    public const string RequestError = "request interrupted: silo lost, retry";

    /// <summary>Seconds a client should wait before retrying: about the time failure detection takes.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool IsTransient(Exception exception, CancellationToken requestAborted) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        ConnectionFailedException or GatewayTooBusyException => true,
        // Our own deadline on a grain call (the client's going away is not a cluster failure).
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        OrleansException { InnerException: { } inner } => IsTransient(inner, requestAborted),
        _ => false,
    };

    /// <summary>Endpoint metadata: the endpoint says "inspection interrupted" rather than "request interrupted".</summary>
    public sealed record InspectionEndpoint;
}
