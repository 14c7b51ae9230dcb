using Aoi.Grains.Cfx.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aoi.Grains.Cfx;

/// <summary>
/// Where the server publishes to the factory's CFX bus. Both entries return at once and never throw: the messages
/// are built here and handed to the outbox writer; the broker is never waited for. Nothing happens while CFX is off.
/// </summary>
public sealed partial class CfxPublisher(
    CfxOutboxWriter writer,
    IOptions<CfxOptions> options,
    TimeProvider time,
    ILogger<CfxPublisher> logger)
{
    private readonly CfxOptions settings = options.Value;

    public bool IsEnabled => settings.IsEnabled;

    /// <summary>
    /// WorkStarted, UnitsInspected and WorkCompleted of an answered inspection (single or grouped), with
    /// <paramref name="transactionId"/> (the history id of the inspection) as their transaction id.
    /// </summary>
    public void InspectionAnswered(InspectionResponse response, Guid transactionId)
    {
        if (!settings.IsEnabled)
        {
            return;
        }

        try
        {
            writer.TryEnqueue(CfxInspectionMessages.For(response, transactionId, settings.Handle!, time.LocalTimeZone));
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, "inspection", transactionId.ToString());
        }
    }

    /// <summary>
    /// For the review station: publishes the operator's verdict on one unit as another UnitsInspected (InspectionMethod
    /// Human, the verdict in Verification, same transaction id as the inspection). False when CFX is off, the
    /// verdict is unusable (e.g. not a history inspection id; logged) or the publish buffer is full (counted).
    /// </summary>
    public bool PublishReviewVerdict(CfxReviewVerdict verdict)
    {
        if (!settings.IsEnabled)
        {
            return false;
        }

        try
        {
            return writer.TryEnqueue([CfxReviewMessages.For(verdict, settings.Handle!, time.LocalTimeZone)]);
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, "review verdict", verdict.InspectionId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "CFX messages of {What} {Id} could not be built; nothing was published")]
    private partial void LogPublishFailed(Exception exception, string what, string id);
}
